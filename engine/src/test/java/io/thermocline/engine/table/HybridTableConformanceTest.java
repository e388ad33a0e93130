package io.thermocline.engine.table;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.coldstore.ColdSettings;
import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdStoreOptions;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import io.thermocline.engine.series.SeriesRowRules;
import io.thermocline.engine.series.SeriesTables;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.HotStoreSettings;
import io.thermocline.testkit.scan.TierFixture;
import io.thermocline.testkit.scan.TierScanConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared scan conformance suite against the union of both tiers: every commit's rows are split
 * between the hot partition and the cold table (cold delta or files), deletes end rows in both,
 * maintenance is a hot merge plus a cold compaction. Scans and pushed-down aggregates must match
 * the reference table exactly at every snapshot.
 */
class HybridTableConformanceTest extends TierScanConformanceTest {
  @TempDir Path dir;

  /** The table under test; a subclass may give it a series clause. */
  protected TableDefinition definition(Schema schema) {
    return new TableDefinition(
        "conformance",
        TableKind.HYBRID,
        schema,
        null,
        null,
        null,
        false,
        ColdPartitioning.NONE,
        null,
        0,
        1,
        0);
  }

  @Override
  protected TierFixture createFixture(Schema schema) {
    try {
      return new Fixture(Files.createTempDirectory(dir, "hybrid"), definition(schema));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Fixture implements TierFixture {
    private final ColdStore store;
    private final ColumnPartition hot;
    private final HybridTable table;
    private final SeriesRowRules seriesRules;

    Fixture(Path dir, TableDefinition d) {
      Config config =
          Config.defaults()
              .with(ColdSettings.SYNC_METADATA, false)
              .with(ColdSettings.ROW_GROUP_ROWS, 256)
              .with(ColdSettings.PAGE_ROWS, 64)
              .with(ColdSettings.SMALL_FILE_ROWS, 300L)
              .with(HotStoreSettings.BATCH_SIZE, 256);
      store = ColdStore.open(ColdStoreOptions.of(dir).withConfig(config));
      hot = SeriesTables.hotPartition(d, config);
      table = new HybridTable(d, hot, store.table(d.name(), d.schema()), null, 50);
      seriesRules = SeriesRowRules.of(d);
    }

    @Override
    public Schema schema() {
      return table.schema();
    }

    @Override
    public TierScan tier() {
      return table;
    }

    @Override
    public void insert(long cid, List<Object[]> storageRows) {
      if (seriesRules != null) {
        // The engine checks these before a commit; a row it would refuse is a bad test row.
        seriesRules.checkRows(storageRows);
      }
      List<Object[]> toHot = new ArrayList<>();
      List<Object[]> toCold = new ArrayList<>();
      for (int i = 0; i < storageRows.size(); i++) {
        (i % 2 == 0 ? toHot : toCold).add(storageRows.get(i));
      }
      List<ColumnBatch> hotBatches =
          toHot.isEmpty() ? List.of() : List.of(RowBatches.fromRows(schema(), toHot));
      List<ColumnBatch> coldBatches =
          toCold.isEmpty() ? List.of() : List.of(RowBatches.fromRows(schema(), toCold));
      table.insert(cid, hotBatches, coldBatches, new TierTouches());
    }

    @Override
    public long delete(long cid, long snapshot, Expr filter) {
      return table.endRows(cid, snapshot, filter, null, new TierTouches());
    }

    @Override
    public void maintain(long oldestLiveSnapshot) {
      table.mergeHot(oldestLiveSnapshot);
      table.compactCold(oldestLiveSnapshot);
    }

    @Override
    public void close() {
      hot.close();
      store.close();
    }
  }
}

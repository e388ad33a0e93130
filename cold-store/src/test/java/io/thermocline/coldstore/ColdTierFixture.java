package io.thermocline.coldstore;

import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.scan.TierFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cold table as a conformance {@link TierFixture}: small inserts (and every fourth commit) go to
 * the cold delta, the rest become files; row groups and pages are tiny so that statistics and
 * page-index pruning are exercised on small data. Maintenance is compaction.
 */
final class ColdTierFixture implements TierFixture {
  private final ColdStore store;
  private final ColdTable table;

  ColdTierFixture(ColdStoreOptions options, Schema schema) {
    this.store = ColdStore.open(options);
    this.table = store.table("conformance", schema);
  }

  static ColdTierFixture inTempDir(Path parent, Schema schema) {
    try {
      Path dir = Files.createTempDirectory(parent, "cold");
      return new ColdTierFixture(ColdStoreOptions.of(dir).withConfig(smallFiles()), schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings that make files of a few hundred rows have several row groups and pages. */
  static Config smallFiles() {
    return Config.defaults()
        .with(ColdSettings.ROW_GROUP_ROWS, 256)
        .with(ColdSettings.PAGE_ROWS, 64)
        .with(ColdSettings.SMALL_FILE_ROWS, 300L)
        .with(ColdSettings.SYNC_METADATA, false);
  }

  ColdStore store() {
    return store;
  }

  ColdTable table() {
    return table;
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
    if (storageRows.size() < 50 || cid % 4 == 0) {
      table.insertDelta(cid, storageRows);
    } else {
      table.writeFile(cid, BatchOps.fromRows(table.schema(), storageRows));
    }
  }

  @Override
  public long delete(long cid, long snapshot, Expr filter) {
    return table.endRows(cid, snapshot, filter);
  }

  @Override
  public void maintain(long oldestLiveSnapshot) {
    table.compact(oldestLiveSnapshot);
  }

  @Override
  public void close() {
    store.close();
  }
}

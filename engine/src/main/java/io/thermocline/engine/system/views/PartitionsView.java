package io.thermocline.engine.system.views;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.TableStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SYS.PARTITIONS}: one row per table and tier (HOT, COLD) with the rows visible now, bytes
 * in memory and on disk ({@link Database#tableStats}), files, delta rows and tombstones, and the
 * smallest and largest value of the table's time column in that tier.
 *
 * <p>The time range is read from the tier itself (the time column alone, vectorized) at one
 * registered snapshot, because the tiers keep no exact range; it is the only part of the view that
 * costs more than a catalog read. Stateless and thread-safe.
 */
final class PartitionsView {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private PartitionsView() {}

  static ComputedView create(Database db) {
    Schema schema =
        Schema.of(
            Column.notNull("TABLE_NAME", DataType.varchar(128)),
            Column.notNull("TIER", DataType.varchar(4)),
            Column.notNull("ROWS", DataType.BIGINT),
            Column.notNull("MEMORY_BYTES", DataType.BIGINT),
            Column.notNull("DISK_BYTES", DataType.BIGINT),
            Column.notNull("FILES", DataType.INTEGER),
            Column.notNull("DELTA_ROWS", DataType.BIGINT),
            Column.notNull("TOMBSTONES", DataType.BIGINT),
            Column.nullable("MIN_TIME", DataType.TIMESTAMP),
            Column.nullable("MAX_TIME", DataType.TIMESTAMP));
    return new ComputedView("PARTITIONS", schema, () -> rows(db));
  }

  private static List<Object[]> rows(Database db) {
    List<Object[]> rows = new ArrayList<>();
    for (TableDefinition d : db.tables()) {
      TableStats s;
      try {
        s = db.tableStats(d.name());
      } catch (ThermoException e) {
        continue; // dropped since the catalog was listed
      }
      long[][] times = timeRanges(db, d);
      if (d.hasHot()) {
        rows.add(
            new Object[] {
              d.name(),
              "HOT",
              s.hotRows(),
              s.hotMemoryBytes(),
              0L,
              0L,
              s.hotDeltaRows(),
              0L,
              bound(times, 0, 0),
              bound(times, 0, 1)
            });
      }
      if (d.hasCold()) {
        rows.add(
            new Object[] {
              d.name(),
              "COLD",
              s.coldRows(),
              0L,
              s.coldBytes(),
              (long) s.coldFiles(),
              s.coldDeltaRows(),
              s.coldTombstones(),
              bound(times, 1, 0),
              bound(times, 1, 1)
            });
      }
    }
    return rows;
  }

  private static Long bound(long[][] times, int tier, int end) {
    return times == null || times[tier] == null ? null : times[tier][end];
  }

  /**
   * {hot {min, max}, cold {min, max}} of the time column in microseconds (null entries for an empty
   * tier), or null when the table has no DATE or TIMESTAMP time column.
   */
  private static long[][] timeRanges(Database db, TableDefinition d) {
    Optional<String> time = d.schema().timeColumn();
    if (time.isEmpty()) {
      return null;
    }
    TypeKind kind = d.schema().column(time.get()).type().kind();
    if (kind != TypeKind.TIMESTAMP && kind != TypeKind.DATE) {
      return null;
    }
    long scale = kind == TypeKind.DATE ? MICROS_PER_DAY : 1L;
    try (Session session = db.session();
        Transaction tx = session.begin()) {
      HybridTable table = db.table(d.name());
      ScanRequest request = ScanRequest.at(tx.snapshot()).withProjection(List.of(time.get()));
      long[] hot = range(table.scanHot(request), scale);
      long[] cold = range(table.scanCold(request), scale);
      return new long[][] {hot, cold};
    } catch (ThermoException e) {
      return null; // dropped or rewritten meanwhile: no range rather than a failed view
    }
  }

  private static long[] range(BatchCursor cursor, long scale) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean any = false;
    try (cursor) {
      for (ColumnBatch b = cursor.next(); b != null; b = cursor.next()) {
        LongVector v = (LongVector) b.column(0);
        long[] values = v.values();
        int n = b.rowCount();
        for (int i = 0; i < n; i++) {
          if (!v.isNull(i)) {
            any = true;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
          }
        }
      }
    }
    return any ? new long[] {min * scale, max * scale} : null;
  }
}

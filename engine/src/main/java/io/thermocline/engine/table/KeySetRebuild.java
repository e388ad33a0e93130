package io.thermocline.engine.table;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.txn.KeySet;
import java.util.Collection;

/**
 * The restart's rebuild of the tables' primary-key sets from both tiers at the recovered commit id
 * (the sets live in memory only). Runs once while the database opens, before any commit; each
 * table's set is filled by one thread, tables in parallel.
 */
public final class KeySetRebuild {
  private KeySetRebuild() {}

  /**
   * Rebuilds every table's key set at {@code snapshot}, tables in parallel (each set is its own);
   * returns the keys added.
   */
  public static long rebuild(Collection<HybridTable> all, long snapshot) {
    return all.parallelStream().mapToLong(t -> rebuild(t, snapshot)).sum();
  }

  /**
   * Rebuilds a table's key set: sized up front from the rows the tiers store, filled from scans of
   * only the columns the set reads ({@link KeySet#fillColumns}), a batch at a time.
   */
  private static long rebuild(HybridTable t, long snapshot) {
    KeySet keys = t.keys();
    if (keys == null) {
      return 0;
    }
    keys.reserve(storedRows(t));
    ScanRequest request = ScanRequest.at(snapshot);
    if (keys.fillColumns() != null) {
      request = request.withProjection(keys.fillColumns());
    }
    try (BatchCursor c = t.scan(request)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        int twice = keys.addRows(b);
        if (twice >= 0) {
          throw new ThermoException(
              ErrorCode.CORRUPT_FILE,
              "table "
                  + t.name()
                  + " holds the primary key "
                  + keys.describeFilled(b, twice)
                  + " twice");
        }
      }
    }
    return keys.size();
  }

  /** Rows stored in a table's tiers, ended versions included: at least its live keys. */
  private static long storedRows(HybridTable t) {
    long n = 0;
    if (t.hotPartition() != null) {
      n += t.hotPartition().mainRowCount() + t.hotPartition().deltaRowCount();
    }
    io.thermocline.coldstore.ColdTableStats cold = t.coldStats();
    if (cold != null) {
      n += cold.fileRows() + cold.deltaRows();
    }
    return n;
  }
}

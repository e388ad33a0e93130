package io.thermocline.sql.schema;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import java.util.List;

/**
 * Where a scan reads from: the connection's open transaction, or an autocommit snapshot. The
 * connection owns the implementation; the schema never chooses a snapshot itself.
 */
public interface TableReader {
  /**
   * A cursor over the rows of {@code table} matching {@code filter} (null: all), projected to
   * {@code columns} (null: all), as storage values; the caller closes it.
   */
  BatchCursor scan(String table, List<String> columns, Expr filter);

  /** Aggregates over the rows of {@code table} matching {@code filter}, computed in the tiers. */
  AggregateResult aggregate(String table, Expr filter, AggregateSpec spec);
}

package io.thermocline.testkit.model;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.ExprBinder;
import io.thermocline.common.expr.ExprEvaluator;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregatePartial;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The plain reference model of one table, the oracle every tier is compared with: a list of row
 * versions, each with the commit id that created it and the one that ended it ({@link #LIVE} while
 * it lives). A version is visible at snapshot {@code s} iff {@code created <= s < ended}. Filters
 * are bound with {@link ExprBinder} and evaluated row by row with {@link ExprEvaluator} (SQL
 * three-valued logic); aggregates are built from {@link AggregatePartial}s one row at a time.
 * Deliberately simple and slow: correctness by inspection, nothing clever.
 *
 * <p>Concurrency: every method is {@code synchronized} on the table, so a scan sees either all or
 * none of a concurrent commit; returned rows are copies.
 */
public final class ReferenceTable {
  /** The end commit id of a version that has not been deleted. */
  public static final long LIVE = Long.MAX_VALUE;

  private final Schema schema;
  private final List<Version> versions = new ArrayList<>();

  private static final class Version {
    final Object[] values;
    final long created;
    long ended = LIVE;

    Version(Object[] values, long created) {
      this.values = values;
      this.created = created;
    }

    boolean visibleAt(long snapshot) {
      return created <= snapshot && snapshot < ended;
    }
  }

  public ReferenceTable(Schema schema) {
    this.schema = schema;
  }

  public Schema schema() {
    return schema;
  }

  /** Appends rows of storage values (schema order) created at {@code cid}. */
  public synchronized void insert(long cid, List<Object[]> rows) {
    for (Object[] row : rows) {
      if (row.length != schema.size()) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "row has " + row.length + " values but the table has " + schema.size() + " columns");
      }
      versions.add(new Version(row.clone(), cid));
    }
  }

  /**
   * Ends, at {@code cid}, every version visible at {@code snapshot} that matches {@code filter}
   * ({@code null} = all); returns how many.
   */
  public synchronized long delete(long cid, long snapshot, Expr filter) {
    Expr bound = ExprBinder.bind(filter, schema);
    long n = 0;
    for (Version v : versions) {
      if (v.visibleAt(snapshot) && v.ended == LIVE && ExprEvaluator.matches(bound, v.values)) {
        v.ended = cid;
        n++;
      }
    }
    return n;
  }

  /** Number of versions visible at {@code snapshot}. */
  public synchronized long count(long snapshot) {
    long n = 0;
    for (Version v : versions) {
      if (v.visibleAt(snapshot)) {
        n++;
      }
    }
    return n;
  }

  /**
   * The visible rows that pass the request's filter, projected to the request's columns (all, in
   * schema order, when the projection is {@code null}), in insertion order.
   */
  public synchronized List<Object[]> scan(ScanRequest request) {
    Expr bound = ExprBinder.bind(request.filter(), schema);
    int[] columns = projection(request.projection());
    List<Object[]> out = new ArrayList<>();
    for (Version v : versions) {
      if (v.visibleAt(request.snapshot()) && ExprEvaluator.matches(bound, v.values)) {
        Object[] row = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          row[i] = v.values[columns[i]];
        }
        out.add(row);
      }
    }
    return out;
  }

  /**
   * Aggregates over the rows {@link #scan} would return (the projection is ignored: aggregates and
   * group keys name table columns).
   */
  public synchronized AggregateResult aggregate(ScanRequest request, AggregateSpec spec) {
    Expr bound = ExprBinder.bind(request.filter(), schema);
    int[] keyColumns = new int[spec.groupBy().size()];
    for (int k = 0; k < keyColumns.length; k++) {
      GroupKey key = spec.groupBy().get(k);
      keyColumns[k] = schema.indexOf(key.column());
      if (key.isBucket() && storage(keyColumns[k]) != StorageClass.LONG) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "time bucket of non-LONG column " + key.column());
      }
    }
    int[] callColumns = new int[spec.calls().size()];
    for (int c = 0; c < callColumns.length; c++) {
      AggregateCall call = spec.calls().get(c);
      callColumns[c] = call.column() == null ? -1 : schema.indexOf(call.column());
      checkNumeric(call, callColumns[c]);
    }
    AggregateResult result = new AggregateResult(spec);
    for (Version v : versions) {
      if (!v.visibleAt(request.snapshot()) || !ExprEvaluator.matches(bound, v.values)) {
        continue;
      }
      Object[] key = new Object[keyColumns.length];
      for (int k = 0; k < keyColumns.length; k++) {
        Object value = v.values[keyColumns[k]];
        GroupKey gk = spec.groupBy().get(k);
        key[k] = value != null && gk.isBucket() ? (Object) gk.bucket((Long) value) : value;
      }
      AggregatePartial[] partials = result.group(Arrays.asList(key));
      for (int c = 0; c < callColumns.length; c++) {
        accumulate(
            partials[c], spec.calls().get(c), callColumns[c] < 0 ? null : v.values[callColumns[c]]);
      }
    }
    return result;
  }

  private static void accumulate(AggregatePartial p, AggregateCall call, Object value) {
    switch (call.function()) {
      case COUNT_STAR -> p.addCount(1);
      case COUNT -> p.addCount(value == null ? 0 : 1);
      case MIN -> p.offerMin(value);
      case MAX -> p.offerMax(value);
      case SUM, AVG -> {
        if (value != null) {
          p.addCount(1);
          if (value instanceof Long l) {
            p.addLongSum(l);
          } else {
            p.addDoubleSum((Double) value);
          }
        }
      }
    }
  }

  private void checkNumeric(AggregateCall call, int column) {
    boolean sumOrAvg = call.function() == AggFunction.SUM || call.function() == AggFunction.AVG;
    if (sumOrAvg && storage(column) == StorageClass.STRING) {
      throw new ThermoException(
          ErrorCode.TYPE_MISMATCH,
          call
              + " needs a numeric column, "
              + call.column()
              + " is "
              + schema.column(column).type());
    }
  }

  private StorageClass storage(int column) {
    return schema.column(column).type().storage();
  }

  private int[] projection(List<String> names) {
    if (names == null) {
      int[] all = new int[schema.size()];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = schema.indexOf(names.get(i));
    }
    return out;
  }
}

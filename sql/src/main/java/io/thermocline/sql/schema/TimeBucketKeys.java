package io.thermocline.sql.schema;

import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.TypeKind;
import io.thermocline.sql.series.SeriesInterval;
import io.thermocline.sql.series.SeriesScalarFunctions;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Recognizes a GROUP BY expression that is a time bucket of a TIMESTAMP column, as the engine's
 * bucket key: {@code TIME_BUCKET('15 MINUTE', ts)}, {@code TIME_BUCKET('1 DAY', ts, TIMESTAMP
 * '...')} and {@code FLOOR(ts TO unit)} for SECOND, MINUTE, HOUR and DAY (fixed widths from the
 * epoch; WEEK and longer follow the calendar). SQL sees TIMESTAMP in milliseconds while the engine
 * buckets microseconds, so only whole-millisecond widths and origins qualify: for those, the bucket
 * of the truncated value equals the bucket of the exact one. Stateless.
 */
final class TimeBucketKeys {
  private static final long MILLI = 1_000L;

  private TimeBucketKeys() {}

  /** The table column behind a scan's output field. */
  static int column(Bindables.BindableTableScan scan, int field) {
    return scan.projects == null ? field : scan.projects.get(field);
  }

  /** The bucket key {@code e} computes over a column of {@code scan}, or null if it is none. */
  static GroupKey of(RexNode e, Bindables.BindableTableScan scan, Schema schema) {
    if (!(e instanceof RexCall call)) {
      return null;
    }
    List<RexNode> args = call.getOperands();
    long width;
    long origin = 0;
    RexNode column;
    if (call.getKind() == SqlKind.FLOOR && args.size() == 2) {
      column = args.get(0);
      width = floorWidth(args.get(1));
    } else if (isTimeBucket(call) && (args.size() == 2 || args.size() == 3)) {
      column = args.get(1);
      width = interval(args.get(0));
      if (args.size() == 3) {
        if (!(args.get(2) instanceof RexLiteral o) || o.getValueAs(Long.class) == null) {
          return null;
        }
        origin = o.getValueAs(Long.class) * MILLI;
      }
    } else {
      return null;
    }
    if (width <= 0 || width % MILLI != 0 || !(column instanceof RexInputRef ref)) {
      return null;
    }
    int c = column(scan, ref.getIndex());
    if (schema.column(c).type().kind() != TypeKind.TIMESTAMP) {
      return null;
    }
    return new GroupKey(schema.column(c).name(), width, origin);
  }

  private static boolean isTimeBucket(RexCall call) {
    return call.getOperator() instanceof SqlUserDefinedFunction f
        && f.getFunction() instanceof ScalarFunctionImpl impl
        && impl.method.getDeclaringClass() == SeriesScalarFunctions.class
        && impl.method.getName().startsWith("timeBucket");
  }

  /** The width a literal interval text names, or 0 (bad text fails at run time, as unpushed). */
  private static long interval(RexNode e) {
    if (!(e instanceof RexLiteral l) || l.getValueAs(String.class) == null) {
      return 0;
    }
    try {
      return SeriesInterval.micros(l.getValueAs(String.class), "TIME_BUCKET");
    } catch (ThermoException bad) {
      return 0;
    }
  }

  private static long floorWidth(RexNode unit) {
    if (!(unit instanceof RexLiteral l) || !(l.getValue() instanceof TimeUnitRange range)) {
      return 0;
    }
    switch (range) {
      case SECOND:
        return 1_000_000L;
      case MINUTE:
        return 60_000_000L;
      case HOUR:
        return 3_600_000_000L;
      case DAY:
        return 86_400_000_000L;
      default:
        return 0;
    }
  }
}

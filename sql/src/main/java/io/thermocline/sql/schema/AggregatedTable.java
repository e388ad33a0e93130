package io.thermocline.sql.schema;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The result of an aggregate the engine computes inside its tiers ({@code Transaction.aggregate}),
 * as a table that {@link AggregatePushDownRule} puts in place of Aggregate over a table scan. Its
 * row type is the replaced Aggregate's; values are converted to Calcite's internal forms.
 * Immutable.
 */
final class AggregatedTable extends AbstractTable implements ScannableTable {
  private final ThermoTable table;
  private final List<RexNode> filters;
  private final AggregateSpec spec;
  private final List<DataType> keyTypes;
  private final List<DataType> argTypes;
  private final List<Boolean> zeroIfEmpty;
  private final RelDataType rowType;

  AggregatedTable(
      ThermoTable table,
      List<RexNode> filters,
      AggregateSpec spec,
      List<DataType> keyTypes,
      List<DataType> argTypes,
      List<Boolean> zeroIfEmpty,
      RelDataType rowType) {
    this.table = table;
    this.filters = List.copyOf(filters);
    this.spec = spec;
    this.keyTypes = List.copyOf(keyTypes);
    this.argTypes = new ArrayList<>(argTypes);
    this.zeroIfEmpty = List.copyOf(zeroIfEmpty);
    this.rowType = rowType;
  }

  /** What EXPLAIN shows as the scanned table's last name. */
  String describe() {
    return "engine aggregate(group="
        + spec.groupBy()
        + ", calls="
        + spec.calls()
        + (filters.isEmpty() ? "" : ", filter=" + filters)
        + ")";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    return rowType;
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(1, null);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    Schema schema = table.definition().schema();
    RexFilterTranslator translator = new RexFilterTranslator(schema, root);
    List<Expr> pushed = new ArrayList<>();
    for (RexNode f : filters) {
      Expr e = translator.translate(f);
      if (e == null) {
        throw new ThermoException(
            ErrorCode.INTERNAL, "filter " + f + " could not be pushed into the aggregate");
      }
      pushed.add(e);
    }
    Expr filter =
        pushed.isEmpty() ? null : pushed.size() == 1 ? pushed.get(0) : new Expr.And(pushed);
    List<Object[]> rows = table.reader().aggregate(table.definition().name(), filter, spec).rows();
    int k = keyTypes.size();
    List<Object[]> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      Object[] row = new Object[r.length];
      for (int i = 0; i < k; i++) {
        row[i] = SqlTypeMapping.toInternal(keyTypes.get(i), r[i]);
      }
      for (int i = 0; i < spec.calls().size(); i++) {
        Object v = r[k + i];
        if (v == null && zeroIfEmpty.get(i)) {
          // Boxed on each side: `cond ? 0.0 : 0L` would promote the long zero to a Double.
          v =
              argTypes.get(i).storage() == io.thermocline.common.type.StorageClass.DOUBLE
                  ? (Object) 0.0
                  : (Object) 0L;
        }
        row[k + i] =
            result(
                spec.calls().get(i).function(),
                argTypes.get(i),
                rowType.getFieldList().get(k + i).getType().getSqlTypeName(),
                v);
      }
      out.add(row);
    }
    return Linq4j.asEnumerable(out);
  }

  private static Object result(AggFunction f, DataType arg, SqlTypeName out, Object v) {
    if (v == null) {
      return null;
    }
    switch (f) {
      case COUNT_STAR:
      case COUNT:
        return v;
      case MIN:
      case MAX:
        return SqlTypeMapping.toInternal(arg, v);
      case AVG:
        return v;
      case SUM:
        if (arg.kind() == TypeKind.DECIMAL) {
          return BigDecimal.valueOf((Long) v, arg.scale());
        }
        if (out == SqlTypeName.INTEGER) {
          return (int) (long) (Long) v;
        }
        return v;
      default:
        throw new ThermoException(ErrorCode.INTERNAL, "aggregate " + f + " not handled");
    }
  }
}

package io.thermocline.sql.schema;

import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Replaces {@code Aggregate(EnumerableInterpreter(BindableTableScan))} over a {@link ThermoTable}
 * (the physical shape: Volcano matches children within the input's convention) by a scan of an
 * {@link AggregatedTable}, so GROUP BY columns with COUNT, SUM, MIN, MAX (and AVG of DOUBLE) run
 * inside the engine's tiers ($SUM0, Calcite's rewrite of SUM and AVG, included). {@link #BUCKETS}
 * does the same with a Project in between whose group keys are time buckets of a TIMESTAMP column
 * ({@code TIME_BUCKET('1 HOUR', ts)}, with or without a literal origin, or {@code FLOOR(ts TO
 * HOUR)}, SECOND to DAY), which become the engine's bucket keys. Fires only when every filter of
 * the scan translates to an Expr and every call is plain (no DISTINCT, FILTER or ordering).
 * Stateless.
 */
final class AggregatePushDownRule extends RelOptRule {
  static final AggregatePushDownRule INSTANCE = new AggregatePushDownRule(false);

  /** Over a Project of columns and time buckets (see the class comment). */
  static final AggregatePushDownRule BUCKETS = new AggregatePushDownRule(true);

  private final boolean projected;

  @SuppressWarnings("deprecation") // the operand DSL keeps this rule free of generated configs
  private AggregatePushDownRule(boolean projected) {
    super(
        projected
            ? operand(
                Aggregate.class,
                operand(
                    Project.class,
                    operand(
                        EnumerableInterpreter.class,
                        operand(Bindables.BindableTableScan.class, none()))))
            : operand(
                Aggregate.class,
                operand(
                    EnumerableInterpreter.class,
                    operand(Bindables.BindableTableScan.class, none()))),
        projected ? "ThermoAggregateBucketPushDown" : "ThermoAggregatePushDown");
    this.projected = projected;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    Project project = projected ? call.rel(1) : null;
    Bindables.BindableTableScan scan = call.rel(projected ? 3 : 2);
    ThermoTable table = scan.getTable().unwrap(ThermoTable.class);
    if (table == null || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return;
    }
    Schema schema = table.definition().schema();
    RexFilterTranslator structural = new RexFilterTranslator(schema, null);
    for (RexNode f : scan.filters) {
      if (structural.translate(f) == null) {
        return;
      }
    }
    List<GroupKey> keys = new ArrayList<>();
    List<DataType> keyTypes = new ArrayList<>();
    for (int g : aggregate.getGroupSet()) {
      int c = column(project, scan, g);
      GroupKey key =
          c >= 0
              ? GroupKey.column(schema.column(c).name())
              : TimeBucketKeys.of(project.getProjects().get(g), scan, schema);
      if (key == null) {
        return;
      }
      keys.add(key);
      keyTypes.add(schema.column(key.column()).type());
    }
    List<AggregateCall> calls = new ArrayList<>();
    List<DataType> argTypes = new ArrayList<>();
    List<Boolean> zeroIfEmpty = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall a : aggregate.getAggCallList()) {
      if (a.isDistinct() || a.filterArg >= 0 || !a.collation.getFieldCollations().isEmpty()) {
        return;
      }
      AggFunction f = function(a.getAggregation().getKind(), a.getArgList().size());
      if (f == null) {
        return;
      }
      // Calcite rewrites SUM to $SUM0 (SUM that yields 0 over no values) plus COUNT.
      zeroIfEmpty.add(a.getAggregation().getKind() == SqlKind.SUM0);
      if (f == AggFunction.COUNT_STAR) {
        calls.add(AggregateCall.countStar());
        argTypes.add(null);
        continue;
      }
      int c = column(project, scan, a.getArgList().get(0));
      if (c < 0) {
        return;
      }
      DataType type = schema.column(c).type();
      if ((f == AggFunction.AVG && type.kind() != TypeKind.DOUBLE)
          || (f == AggFunction.SUM && !numeric(type))) {
        return;
      }
      calls.add(new AggregateCall(f, schema.column(c).name()));
      argTypes.add(type);
    }
    AggregatedTable result =
        new AggregatedTable(
            table,
            scan.filters,
            new AggregateSpec(keys, calls),
            keyTypes,
            argTypes,
            zeroIfEmpty,
            aggregate.getRowType());
    List<String> names = new ArrayList<>(scan.getTable().getQualifiedName());
    names.add(result.describe());
    RelOptTable relOptTable =
        RelOptTableImpl.create(
            scan.getTable().getRelOptSchema(),
            aggregate.getRowType(),
            result,
            com.google.common.collect.ImmutableList.copyOf(names));
    call.transformTo(
        EnumerableInterpreter.create(
            Bindables.BindableTableScan.create(scan.getCluster(), relOptTable), 0.5));
  }

  /** The table column behind an input field, or -1 if the Project computes that field. */
  private static int column(Project project, Bindables.BindableTableScan scan, int field) {
    if (project == null) {
      return TimeBucketKeys.column(scan, field);
    }
    return project.getProjects().get(field) instanceof RexInputRef ref
        ? TimeBucketKeys.column(scan, ref.getIndex())
        : -1;
  }

  private static boolean numeric(DataType t) {
    return t.kind() == TypeKind.INTEGER
        || t.kind() == TypeKind.BIGINT
        || t.kind() == TypeKind.DOUBLE
        || t.kind() == TypeKind.DECIMAL;
  }

  private static AggFunction function(SqlKind kind, int args) {
    switch (kind) {
      case COUNT:
        return args == 0 ? AggFunction.COUNT_STAR : args == 1 ? AggFunction.COUNT : null;
      case SUM:
      case SUM0:
        return args == 1 ? AggFunction.SUM : null;
      case MIN:
        return args == 1 ? AggFunction.MIN : null;
      case MAX:
        return args == 1 ? AggFunction.MAX : null;
      case AVG:
        return args == 1 ? AggFunction.AVG : null;
      default:
        return null;
    }
  }
}

package io.thermocline.sql.schema;

import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * Replaces {@code Sort(fetch)} or {@code Limit(Sort)} (ORDER BY ... LIMIT n, no OFFSET) over {@code
 * EnumerableInterpreter(BindableTableScan)} of a {@link ThermoTable} by a scan of a {@link
 * TopNTable}, which keeps only the first n rows of the engine scan in a bounded heap and, when the
 * first key is the table's time column, reads growing time windows from the newest (or oldest) end
 * so the tiers prune by time. The planner keeps a Sort of the n rows above it. Fires only when the
 * scan's filters all translate and the keys are plain columns. Stateless.
 */
final class TopNPushDownRule extends RelOptRule {
  /** Sort with a fetch (EnumerableLimitSort) straight over the scan. */
  static final TopNPushDownRule SORT = new TopNPushDownRule(false);

  /** EnumerableLimit over a Sort without fetch over the scan (how Calcite usually splits it). */
  static final TopNPushDownRule LIMIT = new TopNPushDownRule(true);

  private final boolean limitOverSort;
  // Beyond this a heap is no better than Calcite's own sort.
  private static final long MAX_PUSHED_ROWS = 100_000;

  @SuppressWarnings("deprecation") // the operand DSL keeps this rule free of generated configs
  private TopNPushDownRule(boolean limitOverSort) {
    super(
        limitOverSort
            ? operand(
                EnumerableLimit.class,
                operand(
                    Sort.class,
                    operand(
                        EnumerableInterpreter.class,
                        operand(Bindables.BindableTableScan.class, none()))))
            : operand(
                Sort.class,
                operand(
                    EnumerableInterpreter.class,
                    operand(Bindables.BindableTableScan.class, none()))),
        limitOverSort ? "ThermoTopNPushDown(Limit)" : "ThermoTopNPushDown(Sort)");
    this.limitOverSort = limitOverSort;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    int at = limitOverSort ? 1 : 0;
    EnumerableLimit limit = limitOverSort ? call.rel(0) : null;
    Sort sort = call.rel(at);
    Bindables.BindableTableScan scan = call.rel(at + 2);
    ThermoTable table = scan.getTable().unwrap(ThermoTable.class);
    RexNode offsetNode = limitOverSort ? limit.offset : sort.offset;
    RexNode fetchNode = limitOverSort ? limit.fetch : sort.fetch;
    if (table == null
        || sort.getConvention() != EnumerableConvention.INSTANCE
        || offsetNode != null
        || (limitOverSort && sort.fetch != null)
        || !(fetchNode instanceof RexLiteral fetch)
        || sort.getCollation().getFieldCollations().isEmpty()) {
      return;
    }
    Long n = fetch.getValueAs(Long.class);
    if (n == null || n < 0 || n > MAX_PUSHED_ROWS) {
      return;
    }
    Schema schema = table.definition().schema();
    RexFilterTranslator structural = new RexFilterTranslator(schema, null);
    for (RexNode f : scan.filters) {
      if (structural.translate(f) == null) {
        return;
      }
    }
    int[] projects = new int[scan.getRowType().getFieldCount()];
    for (int i = 0; i < projects.length; i++) {
      projects[i] = scan.projects == null ? i : scan.projects.get(i);
    }
    List<RelFieldCollation> keys = new ArrayList<>(sort.getCollation().getFieldCollations());
    TopNTable result =
        new TopNTable(table, scan.filters, projects, keys, (int) (long) n, scan.getRowType());
    List<String> names = new ArrayList<>(scan.getTable().getQualifiedName());
    names.add(result.describe());
    RelOptTable relOptTable =
        RelOptTableImpl.create(
            scan.getTable().getRelOptSchema(),
            scan.getRowType(),
            result,
            com.google.common.collect.ImmutableList.copyOf(names));
    RelNode topN =
        EnumerableInterpreter.create(
            Bindables.BindableTableScan.create(scan.getCluster(), relOptTable), 0.5);
    RelNode sorted = sort.copy(sort.getTraitSet(), topN, sort.getCollation(), null, sort.fetch);
    call.transformTo(limitOverSort ? limit.copy(limit.getTraitSet(), List.of(sorted)) : sorted);
  }
}

package io.thermocline.sql.schema;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.tools.Program;

/**
 * Wraps the standard program so that for a query joining {@value #MIN_JOINS} or more relations the
 * Volcano planner loses the rules that enumerate join orders (commute, associate, push-through):
 * the joins keep the FROM order, with each WHERE conjunct pushed into the lowest join that sees its
 * columns. With those rules a seven-way join of sqllogictest select5 plans for minutes, and
 * Calcite's heuristic {@code LoptOptimizeJoinRule} is exponential there too. Queries with fewer
 * joins, or with sub-queries still in expressions, plan as before. Stateless.
 */
final class JoinOrderProgram {
  static final int MIN_JOINS = 3;

  private JoinOrderProgram() {}

  static Program around(Program standard) {
    return (planner, rel, traits, materializations, lattices) ->
        standard.run(planner, reorder(planner, rel), traits, materializations, lattices);
  }

  private static RelNode reorder(RelOptPlanner planner, RelNode rel) {
    if (RelOptUtil.countJoins(rel) < MIN_JOINS || hasSubQuery(rel)) {
      return rel;
    }
    HepProgram order =
        new HepProgramBuilder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .addRuleInstance(GreedyJoinOrderRule.INSTANCE)
            .build();
    HepPlanner hep = new HepPlanner(order);
    hep.setRoot(rel);
    RelNode ordered = hep.findBestExp();
    if (contains(ordered, MultiJoin.class)) {
      // An outer join the greedy rule leaves alone: plan the query as Calcite would.
      return rel;
    }
    planner.removeRule(CoreRules.JOIN_COMMUTE);
    planner.removeRule(CoreRules.JOIN_ASSOCIATE);
    planner.removeRule(JoinPushThroughJoinRule.LEFT);
    planner.removeRule(JoinPushThroughJoinRule.RIGHT);
    return ordered;
  }

  private static boolean contains(RelNode rel, Class<? extends RelNode> type) {
    boolean[] found = {false};
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        found[0] |= type.isInstance(node);
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return found[0];
  }

  private static boolean hasSubQuery(RelNode rel) {
    boolean[] found = {false};
    RexShuttle finder =
        new RexShuttle() {
          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            found[0] = true;
            return subQuery;
          }
        };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(finder);
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return found[0];
  }
}

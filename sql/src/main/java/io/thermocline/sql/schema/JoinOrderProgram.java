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
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.tools.Program;

/**
 * Wraps the standard program so that a query joining {@value #MIN_JOINS} or more relations is
 * ordered by Calcite's heuristic join optimizer (joins and their filters gathered into a MultiJoin,
 * then {@code LoptOptimizeJoinRule}) and the Volcano planner loses the rules that enumerate join
 * orders (commute, associate, push-through). With them a seven-way join of sqllogictest select5
 * plans for minutes; without, milliseconds. Queries with fewer joins, or with sub-queries still in
 * expressions (the standard program removes those first), plan as before. Stateless.
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
    HepProgram gather =
        new HepProgramBuilder()
            .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .build();
    HepPlanner hep =
        new HepPlanner(gather, null, false, null, rel.getCluster().getPlanner().getCostFactory());
    hep.setRoot(rel);
    RelNode gathered = hep.findBestExp();
    planner.removeRule(CoreRules.JOIN_COMMUTE);
    planner.removeRule(CoreRules.JOIN_ASSOCIATE);
    planner.removeRule(JoinPushThroughJoinRule.LEFT);
    planner.removeRule(JoinPushThroughJoinRule.RIGHT);
    planner.addRule(CoreRules.MULTI_JOIN_OPTIMIZE);
    return gathered;
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

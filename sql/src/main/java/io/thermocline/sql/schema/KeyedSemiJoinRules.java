package io.thermocline.sql.schema;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.SemiJoinRule;

/**
 * Calcite 1.40's {@link SemiJoinRule}s with one case taken out. For an inner join whose right input
 * is an {@link Aggregate} they keep the left rows that find a match in the aggregate's
 * <em>input</em>; that is right when the aggregate groups by the join keys, but an aggregate
 * without GROUP BY returns one row even over no rows, so over an empty input the rewrite drops
 * every left row. SubQueryRemoveRule builds exactly that join for {@code x IN (sub-query)} under OR
 * (it joins {@code COUNT(*)} of the sub-query to every row), so {@code a > 1 OR x IN (SELECT ...
 * WHERE <nothing matches>)} returned no rows at all (sqllogictest index/between). These rules do
 * not fire on an inner join with a global aggregate; the join itself is then kept, which is
 * correct. Stateless; the instances are shared by all planners.
 */
final class KeyedSemiJoinRules {
  /** Replaces {@link CoreRules#PROJECT_TO_SEMI_JOIN}. */
  static final RelOptRule PROJECT =
      new SemiJoinRule.ProjectToSemiJoinRule(
          CoreRules.PROJECT_TO_SEMI_JOIN
              .config
              .withDescription("ThermoSemiJoinRule:project")
              .as(SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig.class)) {
        @Override
        public boolean matches(RelOptRuleCall call) {
          return keyed(call.rel(1), call.rel(3));
        }
      };

  /** Replaces {@link CoreRules#JOIN_TO_SEMI_JOIN}. */
  static final RelOptRule JOIN =
      new SemiJoinRule.JoinToSemiJoinRule(
          CoreRules.JOIN_TO_SEMI_JOIN
              .config
              .withDescription("ThermoSemiJoinRule:join")
              .as(SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig.class)) {
        @Override
        public boolean matches(RelOptRuleCall call) {
          return keyed(call.rel(0), call.rel(2));
        }
      };

  private KeyedSemiJoinRules() {}

  /**
   * Whether the rewrite is sound: a LEFT join loses nothing by dropping a right side of at most one
   * row per key, and grouped aggregates return a row per key present in their input.
   */
  private static boolean keyed(Join join, Aggregate aggregate) {
    return join.getJoinType() != JoinRelType.INNER || aggregate.getGroupCount() > 0;
  }
}

package io.thermocline.sql.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Orders the inputs of an inner {@link MultiJoin} greedily into a left-deep join: start with the
 * first input, then repeatedly add the input that the most not-yet-applied WHERE conjuncts connect
 * to the inputs already joined (FROM order breaks ties, and an unconnected input comes only when no
 * connected one is left). Each conjunct becomes part of the condition of the first join that sees
 * all its columns. Linear in the conjuncts per step, so a join of many small tables plans in
 * milliseconds, where Calcite's exhaustive and heuristic orderings take minutes. Stateless.
 */
final class GreedyJoinOrderRule extends RelOptRule {
  static final GreedyJoinOrderRule INSTANCE = new GreedyJoinOrderRule();

  @SuppressWarnings("deprecation") // the operand DSL keeps this rule free of generated configs
  private GreedyJoinOrderRule() {
    super(operand(MultiJoin.class, any()), "ThermoGreedyJoinOrder");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    MultiJoin join = call.rel(0);
    if (join.isFullOuterJoin() || join.getPostJoinFilter() != null) {
      return;
    }
    for (JoinRelType t : join.getJoinTypes()) {
      if (t != JoinRelType.INNER) {
        return;
      }
    }
    List<RelNode> inputs = join.getInputs();
    int n = inputs.size();
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + inputs.get(i).getRowType().getFieldCount();
    }
    List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getJoinFilter());
    List<ImmutableBitSet> usedInputs = new ArrayList<>();
    for (RexNode c : conjuncts) {
      ImmutableBitSet.Builder b = ImmutableBitSet.builder();
      for (int field : RelOptUtil.InputFinder.bits(c)) {
        int f = 0;
        while (start[f + 1] <= field) {
          f++;
        }
        b.set(f);
      }
      usedInputs.add(b.build());
    }
    int[] position = new int[start[n]];
    boolean[] placed = new boolean[n];
    boolean[] applied = new boolean[conjuncts.size()];
    RelBuilder builder = call.builder();
    int width = 0;
    for (int step = 0; step < n; step++) {
      int next = step == 0 ? 0 : pick(placed, usedInputs, applied);
      placed[next] = true;
      for (int f = start[next]; f < start[next + 1]; f++) {
        position[f] = width + f - start[next];
      }
      width += start[next + 1] - start[next];
      builder.push(inputs.get(next));
      List<RexNode> condition = new ArrayList<>();
      for (int i = 0; i < conjuncts.size(); i++) {
        if (!applied[i] && covered(usedInputs.get(i), placed)) {
          applied[i] = true;
          condition.add(remap(conjuncts.get(i), position));
        }
      }
      if (step == 0) {
        if (!condition.isEmpty()) {
          builder.filter(condition);
        }
      } else {
        builder.join(JoinRelType.INNER, condition);
      }
    }
    List<RexNode> fields = new ArrayList<>(position.length);
    for (int p : position) {
      fields.add(builder.field(p));
    }
    builder.project(fields, join.getRowType().getFieldNames(), true);
    call.transformTo(builder.build());
  }

  private static int pick(boolean[] placed, List<ImmutableBitSet> usedInputs, boolean[] applied) {
    int best = -1;
    int bestLinks = -1;
    for (int f = 0; f < placed.length; f++) {
      if (placed[f]) {
        continue;
      }
      int links = 0;
      for (int i = 0; i < applied.length; i++) {
        ImmutableBitSet used = usedInputs.get(i);
        if (!applied[i] && used.get(f) && used.cardinality() > 1) {
          placed[f] = true;
          if (covered(used, placed)) {
            links++;
          }
          placed[f] = false;
        }
      }
      if (links > bestLinks) {
        best = f;
        bestLinks = links;
      }
    }
    return best;
  }

  private static boolean covered(ImmutableBitSet used, boolean[] placed) {
    for (int f : used) {
      if (!placed[f]) {
        return false;
      }
    }
    return true;
  }

  private static RexNode remap(RexNode node, int[] position) {
    return node.accept(
        new RexShuttle() {
          @Override
          public RexNode visitInputRef(RexInputRef ref) {
            return new RexInputRef(position[ref.getIndex()], ref.getType());
          }
        });
  }
}

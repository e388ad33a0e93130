package io.thermocline.common.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateResultTest {
  @Test
  void partialsFromTwoTiersMergeExactly() {
    AggregateSpec spec =
        AggregateSpec.of(
            List.of(GroupKey.column("host")),
            AggregateCall.countStar(),
            AggregateCall.sum("v"),
            AggregateCall.avg("v"),
            AggregateCall.min("v"),
            AggregateCall.max("v"));
    AggregateResult hot = new AggregateResult(spec);
    AggregatePartial[] a = hot.group(List.of("h1"));
    for (AggregatePartial p : a) {
      p.addCount(2);
    }
    a[1].addLongSum(10);
    a[2].addLongSum(10);
    a[3].offerMin(3L);
    a[4].offerMax(7L);
    AggregateResult cold = new AggregateResult(spec);
    AggregatePartial[] b = cold.group(List.of("h1"));
    for (AggregatePartial p : b) {
      p.addCount(1);
    }
    b[1].addLongSum(5);
    b[2].addLongSum(5);
    b[3].offerMin(1L);
    b[4].offerMax(5L);
    hot.merge(cold);
    assertThat(hot.rows()).containsExactly(new Object[] {"h1", 3L, 15L, 5.0, 1L, 7L});
  }

  @Test
  void noGroupByOverNoRowsGivesOneRow() {
    AggregateResult r =
        new AggregateResult(
            AggregateSpec.of(List.of(), AggregateCall.countStar(), AggregateCall.sum("v")));
    assertThat(r.rows()).containsExactly(new Object[] {0L, null});
  }
}

package io.thermocline.common.scan;

import java.util.List;

/** GROUP BY keys (possibly none) and the aggregates to compute per group. */
public record AggregateSpec(List<GroupKey> groupBy, List<AggregateCall> calls) {
  public AggregateSpec {
    groupBy = List.copyOf(groupBy);
    calls = List.copyOf(calls);
  }

  public static AggregateSpec of(List<GroupKey> groupBy, AggregateCall... calls) {
    return new AggregateSpec(groupBy, List.of(calls));
  }
}

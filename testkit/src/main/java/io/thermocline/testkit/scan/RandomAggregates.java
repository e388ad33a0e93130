package io.thermocline.testkit.scan;

import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates aggregate specifications over {@link ConformanceSchema}: no GROUP BY, one or two group
 * columns, or a time bucket (hour or day of a TIMESTAMP, week of a DATE), with a random mix of
 * COUNT(*), COUNT, SUM, AVG, MIN and MAX. Single-threaded.
 */
public final class RandomAggregates {
  static final long HOUR_MICROS = 3_600_000_000L;
  static final long DAY_MICROS = 24 * HOUR_MICROS;

  private final Random random;
  private final Schema schema = ConformanceSchema.schema();

  public RandomAggregates(Random random) {
    this.random = random;
  }

  public AggregateSpec next() {
    List<GroupKey> keys = new ArrayList<>();
    List<String> groupable = ConformanceSchema.groupColumns();
    switch (random.nextInt(5)) {
      case 0 -> {}
      case 1 -> keys.add(GroupKey.column(groupable.get(random.nextInt(groupable.size()))));
      case 2 -> {
        String a = groupable.get(random.nextInt(groupable.size()));
        String b = groupable.get(random.nextInt(groupable.size()));
        keys.add(GroupKey.column(a));
        if (!b.equals(a)) {
          keys.add(GroupKey.column(b));
        }
      }
      case 3 -> keys.add(timeBucket());
      default -> {
        keys.add(timeBucket());
        keys.add(GroupKey.column(ConformanceSchema.REGION));
      }
    }
    List<AggregateCall> calls = new ArrayList<>();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      calls.add(call());
    }
    return new AggregateSpec(keys, calls);
  }

  private GroupKey timeBucket() {
    return switch (random.nextInt(4)) {
      case 0 -> GroupKey.timeBucket(ConformanceSchema.TS, HOUR_MICROS);
      case 1 -> GroupKey.timeBucket(ConformanceSchema.TS, DAY_MICROS);
      case 2 -> GroupKey.timeBucket(ConformanceSchema.SEEN, DAY_MICROS);
      default -> new GroupKey(ConformanceSchema.DAY, 7, 3);
    };
  }

  private AggregateCall call() {
    String any = schema.column(random.nextInt(schema.size())).name();
    List<String> numeric = ConformanceSchema.numericColumns();
    String num = numeric.get(random.nextInt(numeric.size()));
    return switch (random.nextInt(6)) {
      case 0 -> AggregateCall.countStar();
      case 1 -> AggregateCall.count(any);
      case 2 -> AggregateCall.sum(num);
      case 3 -> AggregateCall.avg(num);
      case 4 -> AggregateCall.min(any);
      default -> AggregateCall.max(any);
    };
  }

  /** Every function over every column it applies to, without GROUP BY. */
  public static AggregateSpec everyFunction() {
    List<AggregateCall> calls = new ArrayList<>();
    calls.add(AggregateCall.countStar());
    for (String c : ConformanceSchema.schema().names()) {
      calls.add(AggregateCall.count(c));
      calls.add(AggregateCall.min(c));
      calls.add(AggregateCall.max(c));
    }
    for (String c : ConformanceSchema.numericColumns()) {
      calls.add(AggregateCall.sum(c));
      calls.add(AggregateCall.avg(c));
    }
    return new AggregateSpec(List.of(), calls);
  }
}

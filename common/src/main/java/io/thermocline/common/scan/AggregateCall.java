package io.thermocline.common.scan;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/** One aggregate of an {@link AggregateSpec}; {@code column} is null for COUNT(*). */
public record AggregateCall(AggFunction function, String column) {
  public AggregateCall {
    if (function == null || (function != AggFunction.COUNT_STAR && column == null)) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, function + " needs a column");
    }
  }

  public static AggregateCall countStar() {
    return new AggregateCall(AggFunction.COUNT_STAR, null);
  }

  public static AggregateCall count(String column) {
    return new AggregateCall(AggFunction.COUNT, column);
  }

  public static AggregateCall sum(String column) {
    return new AggregateCall(AggFunction.SUM, column);
  }

  public static AggregateCall min(String column) {
    return new AggregateCall(AggFunction.MIN, column);
  }

  public static AggregateCall max(String column) {
    return new AggregateCall(AggFunction.MAX, column);
  }

  public static AggregateCall avg(String column) {
    return new AggregateCall(AggFunction.AVG, column);
  }

  @Override
  public String toString() {
    return function == AggFunction.COUNT_STAR ? "COUNT(*)" : function + "(" + column + ")";
  }
}

package io.thermocline.common.scan;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;

/**
 * A GROUP BY key: a column, or a time bucket of a LONG-stored column ({@code bucketWidth > 0}): the
 * key of value {@code v} is {@code origin + floorDiv(v - origin, width) * width}, e.g. width
 * 3,600,000,000 groups TIMESTAMPs by hour.
 */
public record GroupKey(String column, long bucketWidth, long bucketOrigin) {
  public GroupKey {
    if (column == null || bucketWidth < 0) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "bad group key " + column + " width " + bucketWidth);
    }
  }

  public static GroupKey column(String column) {
    return new GroupKey(column, 0, 0);
  }

  public static GroupKey timeBucket(String column, long width) {
    return new GroupKey(column, width, 0);
  }

  public boolean isBucket() {
    return bucketWidth > 0;
  }

  /** The bucket a value falls into. */
  public long bucket(long value) {
    return bucketOrigin + Math.floorDiv(value - bucketOrigin, bucketWidth) * bucketWidth;
  }

  @Override
  public String toString() {
    return isBucket() ? "BUCKET(" + column + ", " + bucketWidth + ")" : column;
  }
}

package io.thermocline.engine.series;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.catalog.SeriesSpec;

/**
 * The grid and the bounds of a series period in storage units: points {@code origin + i * step}
 * (origin MINVALUE, else the epoch), values within [MINVALUE, MAXVALUE]. Immutable.
 */
final class PeriodGrid {
  private final Column period;
  private final long step;
  private final long origin;
  private final Long min;
  private final Long max;

  PeriodGrid(SeriesSpec spec, Schema schema) {
    this.period = schema.column(schema.indexOf(spec.periodColumn()));
    this.step = spec.step(schema);
    this.origin = spec.minValue() == null ? 0 : spec.minValue();
    this.min = spec.minValue();
    this.max = spec.maxValue();
  }

  long step() {
    return step;
  }

  long origin() {
    return origin;
  }

  boolean onGrid(long t) {
    // Residues, not t - origin: that difference overflows for BIGINT periods far from MINVALUE.
    return step == 0 || Math.floorMod(t, step) == Math.floorMod(origin, step);
  }

  boolean inBounds(long t) {
    return (min == null || t >= min) && (max == null || t <= max);
  }

  /** The grid point at or below {@code t} (equidistant series only). */
  long below(long t) {
    return t - Math.floorMod(Math.floorMod(t, step) - Math.floorMod(origin, step), step);
  }

  /** A period value as users write it (a timestamp, a date or the integer). */
  String show(long t) {
    return String.valueOf(period.type().toJava(t));
  }

  /** Why {@code t} is refused, or null when it is fine. */
  String problem(long t) {
    if (!inBounds(t)) {
      return show(t)
          + " lies outside the series bounds ["
          + (min == null ? "-" : show(min))
          + ", "
          + (max == null ? "-" : show(max))
          + "]";
    }
    if (!onGrid(t)) {
      long lo = below(t);
      return show(t)
          + " is not on the series grid (every "
          + step
          + (period.type().kind() == io.thermocline.common.type.TypeKind.DATE
              ? " days"
              : period.type().kind() == io.thermocline.common.type.TypeKind.TIMESTAMP
                  ? " microseconds"
                  : "")
          + " from "
          + show(origin)
          + "); nearest grid points are "
          + show(lo)
          + " and "
          + show(lo + step);
    }
    return null;
  }
}

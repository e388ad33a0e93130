package io.thermocline.engine.catalog;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.TypeKind;
import java.util.List;

/**
 * The series clause of a table ({@code SERIES (SERIES KEY (..) PERIOD FOR SERIES (ts) EQUIDISTANT
 * INCREMENT BY .. MISSING ELEMENTS [NOT] ALLOWED MINVALUE .. MAXVALUE ..)}), kept in the catalog.
 * {@code incrementMicros} is 0 for a non-equidistant series; for a DATE period it must be whole
 * days, for an integer period it is the step itself. {@code minValue} and {@code maxValue} (null:
 * none) bound the period in its storage unit (microseconds, days or the integer), both inclusive;
 * MINVALUE is also the origin of the grid (else the epoch, 0). Immutable.
 */
public record SeriesSpec(
    List<String> seriesKey,
    String periodColumn,
    long incrementMicros,
    boolean missingAllowed,
    Long minValue,
    Long maxValue) {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  public SeriesSpec {
    seriesKey = List.copyOf(seriesKey);
  }

  /** A series without MINVALUE and MAXVALUE (catalogs written before they existed read this). */
  public SeriesSpec(
      List<String> seriesKey, String periodColumn, long incrementMicros, boolean missingAllowed) {
    this(seriesKey, periodColumn, incrementMicros, missingAllowed, null, null);
  }

  public boolean equidistant() {
    return incrementMicros > 0;
  }

  /** A copy with period bounds in storage units (null: unbounded on that side). */
  public SeriesSpec withBounds(Long min, Long max) {
    return new SeriesSpec(seriesKey, periodColumn, incrementMicros, missingAllowed, min, max);
  }

  /** The grid step in the period column's storage unit (0: not equidistant). */
  public long step(Schema schema) {
    if (incrementMicros == 0) {
      return 0;
    }
    TypeKind k = schema.column(schema.indexOf(periodColumn)).type().kind();
    return k == TypeKind.DATE ? incrementMicros / MICROS_PER_DAY : incrementMicros;
  }

  /** Checks the clause against the table's schema; errors name the table and the column. */
  public void check(Schema schema, String table) {
    int p = schema.indexOf(periodColumn);
    Column period = schema.column(p);
    TypeKind kind = period.type().kind();
    if (kind != TypeKind.TIMESTAMP
        && kind != TypeKind.DATE
        && kind != TypeKind.INTEGER
        && kind != TypeKind.BIGINT) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table "
              + table
              + ": period column "
              + period.name()
              + " is "
              + period.type()
              + "; a series period must be TIMESTAMP, DATE, INTEGER or BIGINT");
    }
    for (String k : seriesKey) {
      if (schema.indexOf(k) == p) {
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA,
            "table " + table + ": period column " + period.name() + " cannot be a series key");
      }
    }
    if (incrementMicros < 0) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + table + ": negative series increment " + incrementMicros);
    }
    if (kind == TypeKind.DATE && incrementMicros % MICROS_PER_DAY != 0) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table "
              + table
              + ": the increment of DATE period "
              + period.name()
              + " must be whole days, not "
              + incrementMicros
              + " microseconds");
    }
    if (!missingAllowed && !equidistant()) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + table + ": MISSING ELEMENTS NOT ALLOWED needs an equidistant series");
    }
    if (minValue != null && maxValue != null && minValue > maxValue) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "table " + table + ": series MINVALUE " + minValue + " exceeds MAXVALUE " + maxValue);
    }
  }
}

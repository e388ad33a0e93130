package io.thermocline.common.type;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A column type with its parameters: precision and scale for DECIMAL, maximum length for VARCHAR.
 *
 * <p>Besides describing the type, this class is the single place where user values (Java objects
 * from JDBC or the embedded API) become storage values ({@link #toStorage}) and back ({@link
 * #toJava}). Storage values are {@link Long}, {@link Double} or {@link String} according to {@link
 * StorageClass}. Immutable and thread-safe.
 */
public record DataType(TypeKind kind, int precision, int scale, int length) {

  /** Largest DECIMAL precision: the unscaled value must fit a long. */
  public static final int MAX_DECIMAL_PRECISION = 18;

  /** VARCHAR without a length accepts strings up to this many characters. */
  public static final int MAX_VARCHAR_LENGTH = 1 << 20;

  public static final DataType BOOLEAN = new DataType(TypeKind.BOOLEAN, 0, 0, 0);
  public static final DataType INTEGER = new DataType(TypeKind.INTEGER, 0, 0, 0);
  public static final DataType BIGINT = new DataType(TypeKind.BIGINT, 0, 0, 0);
  public static final DataType DOUBLE = new DataType(TypeKind.DOUBLE, 0, 0, 0);
  public static final DataType DATE = new DataType(TypeKind.DATE, 0, 0, 0);
  public static final DataType TIMESTAMP = new DataType(TypeKind.TIMESTAMP, 0, 0, 0);

  public DataType {
    if (kind == null) {
      throw new ThermoException(ErrorCode.INVALID_SCHEMA, "type kind is null");
    }
    if (kind == TypeKind.DECIMAL
        && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision)) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "DECIMAL("
              + precision
              + ","
              + scale
              + ") is not supported: precision must be 1.."
              + MAX_DECIMAL_PRECISION
              + " and scale 0..precision");
    }
    if (kind == TypeKind.VARCHAR && (length < 1 || length > MAX_VARCHAR_LENGTH)) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "VARCHAR(" + length + ") is not supported: length must be 1.." + MAX_VARCHAR_LENGTH);
    }
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(TypeKind.DECIMAL, precision, scale, 0);
  }

  public static DataType varchar(int length) {
    return new DataType(TypeKind.VARCHAR, 0, 0, length);
  }

  /** VARCHAR without a declared length (also SQL {@code TEXT}). */
  public static DataType varchar() {
    return varchar(MAX_VARCHAR_LENGTH);
  }

  public StorageClass storage() {
    return kind.storage();
  }

  /** SQL spelling, e.g. {@code DECIMAL(12,2)} or {@code VARCHAR(8)}. */
  public String sql() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case VARCHAR -> length == MAX_VARCHAR_LENGTH ? "VARCHAR" : "VARCHAR(" + length + ")";
      default -> kind.name();
    };
  }

  @Override
  public String toString() {
    return sql();
  }

  /**
   * Converts a user value to its storage value, or throws a {@link ThermoException} naming {@code
   * column}. {@code null} stays {@code null}; NOT NULL is checked by the schema, not here.
   */
  public Object toStorage(Object value, String column) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case BOOLEAN -> {
        if (value instanceof Boolean b) {
          yield b ? 1L : 0L;
        }
        if (value instanceof Long l && (l == 0L || l == 1L)) {
          yield l;
        }
        throw mismatch(value, column);
      }
      case INTEGER -> {
        long v = integral(value, column);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
          throw outOfRange(value, column);
        }
        yield v;
      }
      case BIGINT -> integral(value, column);
      case DOUBLE -> {
        if (value instanceof Double || value instanceof Float) {
          yield ((Number) value).doubleValue();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
          yield ((Number) value).doubleValue();
        }
        if (value instanceof BigDecimal d) {
          yield d.doubleValue();
        }
        throw mismatch(value, column);
      }
      case DECIMAL -> decimalUnscaled(value, column);
      case VARCHAR -> {
        if (!(value instanceof String s)) {
          throw mismatch(value, column);
        }
        if (s.length() > length) {
          throw new ThermoException(
              ErrorCode.STRING_TOO_LONG,
              "column "
                  + column
                  + " is "
                  + sql()
                  + " but the value has "
                  + s.length()
                  + " characters");
        }
        yield s;
      }
      case DATE -> {
        if (value instanceof LocalDate d) {
          yield d.toEpochDay();
        }
        if (value instanceof java.sql.Date d) {
          yield d.toLocalDate().toEpochDay();
        }
        throw mismatch(value, column);
      }
      case TIMESTAMP -> {
        if (value instanceof Long micros) {
          yield micros;
        }
        if (value instanceof Instant i) {
          yield ChronoUnit.MICROS.between(Instant.EPOCH, i);
        }
        if (value instanceof LocalDateTime t) {
          yield ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant(ZoneOffset.UTC));
        }
        if (value instanceof java.sql.Timestamp t) {
          yield ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant());
        }
        throw mismatch(value, column);
      }
    };
  }

  /**
   * Converts a storage value to the Java object an application sees: Boolean, Integer, Long,
   * Double, BigDecimal, String, LocalDate, or LocalDateTime (UTC) for TIMESTAMP.
   */
  public Object toJava(Object storage) {
    if (storage == null) {
      return null;
    }
    return switch (kind) {
      case BOOLEAN -> ((Long) storage) != 0L;
      case INTEGER -> (int) (long) (Long) storage;
      case BIGINT -> storage;
      case DOUBLE -> storage;
      case DECIMAL -> BigDecimal.valueOf((Long) storage, scale);
      case VARCHAR -> storage;
      case DATE -> LocalDate.ofEpochDay((Long) storage);
      case TIMESTAMP ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv((Long) storage, 1_000_000L),
              (int) Math.floorMod((Long) storage, 1_000_000L) * 1000,
              ZoneOffset.UTC);
    };
  }

  private long integral(Object value, String column) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw mismatch(value, column);
      }
    }
    throw mismatch(value, column);
  }

  private long decimalUnscaled(Object value, String column) {
    BigDecimal d;
    if (value instanceof BigDecimal b) {
      d = b;
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      d = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double x = ((Number) value).doubleValue();
      if (!Double.isFinite(x)) {
        throw mismatch(value, column);
      }
      d = BigDecimal.valueOf(x);
    } else {
      throw mismatch(value, column);
    }
    BigDecimal scaled = d.setScale(scale, RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > precision - scale) {
      throw outOfRange(value, column);
    }
    return scaled.unscaledValue().longValueExact();
  }

  private ThermoException mismatch(Object value, String column) {
    return new ThermoException(
        ErrorCode.TYPE_MISMATCH,
        "column "
            + column
            + " is "
            + sql()
            + " but the value "
            + abbreviate(value)
            + " is a "
            + value.getClass().getSimpleName());
  }

  private ThermoException outOfRange(Object value, String column) {
    return new ThermoException(
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "column " + column + " is " + sql() + " and cannot hold " + abbreviate(value));
  }

  private static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 40 ? "'" + s.substring(0, 37) + "...'" : "'" + s + "'";
  }
}

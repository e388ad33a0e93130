package io.thermocline.sql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Calcite's {@code getColumns} result with the columns reporting tools read corrected: {@code
 * TYPE_NAME} without Calcite's " NOT NULL" suffix, {@code COLUMN_SIZE} as JDBC defines it (digits
 * of numbers, characters of strings and of the date/time display form, where Calcite reports -1 or
 * the fractional precision), {@code DECIMAL_DIGITS} (scale, fractional seconds digits, 0 for
 * integers) and {@code CHAR_OCTET_LENGTH} (strings only). Every other call goes to Calcite's result
 * set. Not thread-safe, as result sets.
 */
final class ColumnsResultHandler implements InvocationHandler {
  private static final int TYPE_NAME = 6;
  private static final int COLUMN_SIZE = 7;
  private static final int DECIMAL_DIGITS = 9;
  private static final int CHAR_OCTET_LENGTH = 16;

  private final ResultSet delegate;
  // Whether the last getter was answered here (then wasNull is ours, not the delegate's).
  private boolean answered;
  private boolean lastNull;

  private ColumnsResultHandler(ResultSet delegate) {
    this.delegate = delegate;
  }

  static ResultSet wrap(ResultSet columns) {
    return (ResultSet)
        Proxy.newProxyInstance(
            ColumnsResultHandler.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            new ColumnsResultHandler(columns));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (args != null && args.length == 1 && name.startsWith("get") && !name.equals("getMetaData")) {
      int column = args[0] instanceof Integer i ? i : args[0] instanceof String s ? find(s) : -1;
      if (column == TYPE_NAME
          || column == COLUMN_SIZE
          || column == DECIMAL_DIGITS
          || column == CHAR_OCTET_LENGTH) {
        Object v = corrected(column);
        answered = true;
        lastNull = v == null;
        return convert(v, method.getReturnType());
      }
    }
    if (name.equals("wasNull") && answered) {
      return lastNull;
    }
    if (name.startsWith("get")) {
      answered = false;
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private int find(String label) {
    try {
      return delegate.findColumn(label);
    } catch (SQLException e) {
      return -1;
    }
  }

  private Object corrected(int column) throws SQLException {
    int type = delegate.getInt(5);
    int size = delegate.getInt(COLUMN_SIZE);
    return switch (column) {
      case TYPE_NAME -> {
        String t = delegate.getString(TYPE_NAME);
        yield t == null ? null : t.replace(" NOT NULL", "");
      }
      case COLUMN_SIZE -> columnSize(type, size);
      case DECIMAL_DIGITS -> decimalDigits(type, size);
      default -> isCharacter(type) ? (Object) size : null;
    };
  }

  private static Integer columnSize(int type, int calciteSize) {
    return switch (type) {
      case Types.BIGINT -> 19;
      case Types.INTEGER -> 10;
      case Types.SMALLINT -> 5;
      case Types.TINYINT -> 3;
      case Types.DOUBLE, Types.FLOAT -> 15;
      case Types.REAL -> 7;
      case Types.BOOLEAN -> 1;
      case Types.DATE -> 10;
      // yyyy-mm-dd hh:mm:ss plus a point and the fractional digits
      case Types.TIMESTAMP -> calciteSize > 0 ? 20 + calciteSize : 19;
      case Types.TIME -> calciteSize > 0 ? 9 + calciteSize : 8;
      default -> calciteSize < 0 ? null : calciteSize;
    };
  }

  private Integer decimalDigits(int type, int calciteSize) throws SQLException {
    return switch (type) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> 0;
      case Types.TIMESTAMP, Types.TIME -> Math.max(calciteSize, 0);
      case Types.DECIMAL, Types.NUMERIC -> delegate.getInt(DECIMAL_DIGITS);
      default -> null;
    };
  }

  private static boolean isCharacter(int type) {
    return type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR;
  }

  private static Object convert(Object v, Class<?> want) {
    if (want == String.class) {
      return v == null ? null : v.toString();
    }
    if (want == int.class) {
      return v == null ? 0 : ((Number) v).intValue();
    }
    if (want == long.class) {
      return v == null ? 0L : ((Number) v).longValue();
    }
    if (want == short.class) {
      return v == null ? (short) 0 : ((Number) v).shortValue();
    }
    return v;
  }
}

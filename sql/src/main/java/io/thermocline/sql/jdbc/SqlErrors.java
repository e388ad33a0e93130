package io.thermocline.sql.jdbc;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * Turns engine and planner failures into the SQLException a JDBC client sees: the message is the
 * ThermoException's (naming table, column or position), the SQLState its error code. Validation
 * errors of Calcite (unknown table or column, type errors) get the same shape: an error code and a
 * message naming the object and its line and column. Stateless.
 */
final class SqlErrors {
  private static final Pattern UNKNOWN_OBJECT = Pattern.compile("Object '([^']*)' not found.*");
  private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']*)' not found.*");

  private SqlErrors() {}

  static SQLException of(Throwable t) {
    if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
      t = ite.getCause();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ThermoException te) {
        return new SQLException(te.getMessage(), te.code().code(), t);
      }
      if (c instanceof CalciteContextException cce) {
        return validation(cce, t);
      }
    }
    if (t instanceof SQLException s) {
      return s;
    }
    return new SQLException(String.valueOf(t.getMessage()), t);
  }

  private static SQLException validation(CalciteContextException e, Throwable top) {
    String detail = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    ErrorCode code = ErrorCode.INVALID_ARGUMENT;
    String text = detail;
    Matcher m = UNKNOWN_OBJECT.matcher(detail);
    Matcher c = UNKNOWN_COLUMN.matcher(detail);
    if (m.matches()) {
      code = ErrorCode.UNKNOWN_TABLE;
      text = "unknown table " + m.group(1) + " (" + detail + ")";
    } else if (c.matches()) {
      code = ErrorCode.UNKNOWN_COLUMN;
      text = "unknown column " + c.group(1) + " (" + detail + ")";
    }
    String where = " at line " + e.getPosLine() + ", column " + e.getPosColumn();
    return new SQLException(code.code() + ": " + text + where, code.code(), top);
  }
}

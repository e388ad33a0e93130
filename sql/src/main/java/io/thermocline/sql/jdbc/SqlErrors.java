package io.thermocline.sql.jdbc;

import io.thermocline.common.error.ThermoException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;

/**
 * Turns engine and planner failures into the SQLException a JDBC client sees: the message is the
 * ThermoException's (naming table, column or position), the SQLState its error code. Stateless.
 */
final class SqlErrors {
  private SqlErrors() {}

  static SQLException of(Throwable t) {
    if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
      t = ite.getCause();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ThermoException te) {
        return new SQLException(te.getMessage(), te.code().code(), t);
      }
    }
    if (t instanceof SQLException s) {
      return s;
    }
    return new SQLException(String.valueOf(t.getMessage()), t);
  }
}

package io.thermocline.sql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;

/**
 * What prepared statements the driver runs itself (DML, CALL) have in common: bind values set by
 * any {@code setXxx(int, value, ...)}, the statement options clients set and read (max rows, fetch
 * size, timeouts: accepted, not applied), wrapper and object methods. Subclasses answer the rest.
 * Not thread-safe, as JDBC statements.
 */
abstract class PreparedStatementHandler implements InvocationHandler {
  protected final ConnectionHandler connection;
  protected final List<Object> params = new ArrayList<>();
  private boolean closed;

  PreparedStatementHandler(ConnectionHandler connection) {
    this.connection = connection;
  }

  /**
   * Handles {@code method} if it is specific to the statement kind; returns {@link #UNHANDLED}
   * otherwise.
   */
  protected abstract Object handle(Object self, String name, Object[] args) throws SQLException;

  /** Releases what the statement holds (result sets). */
  protected void release() throws SQLException {}

  protected static final Object UNHANDLED = new Object();

  @Override
  public final Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.startsWith("set")
        && args != null
        && args.length >= 2
        && method.getParameterTypes()[0] == int.class) {
      int index = (Integer) args[0];
      while (params.size() < index) {
        params.add(null);
      }
      params.set(index - 1, name.equals("setNull") ? null : args[1]);
      return null;
    }
    Object result = handle(self, name, args);
    if (result != UNHANDLED) {
      return result;
    }
    switch (name) {
      case "clearParameters":
        params.clear();
        return null;
      case "getConnection":
        return connection.proxy();
      case "close":
        if (!closed) {
          closed = true;
          release();
        }
        return null;
      case "isClosed":
        return closed;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(self)) {
          return self;
        }
        throw new SQLException("not a wrapper for " + ((Class<?>) args[0]).getName());
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self);
      case "setMaxRows":
      case "setLargeMaxRows":
      case "setFetchSize":
      case "setFetchDirection":
      case "setQueryTimeout":
      case "setEscapeProcessing":
      case "setPoolable":
      case "setCursorName":
      case "clearWarnings":
      case "closeOnCompletion":
        return null;
      case "getMaxRows":
      case "getFetchSize":
      case "getQueryTimeout":
        return 0;
      case "getLargeMaxRows":
        return 0L;
      case "getFetchDirection":
        return java.sql.ResultSet.FETCH_FORWARD;
      case "getResultSetType":
        return java.sql.ResultSet.TYPE_FORWARD_ONLY;
      case "getResultSetConcurrency":
        return java.sql.ResultSet.CONCUR_READ_ONLY;
      case "getResultSetHoldability":
        return java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT;
      case "isPoolable":
      case "isCloseOnCompletion":
        return false;
      case "getWarnings":
      case "getGeneratedKeys":
        return null;
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      case "toString":
        return getClass().getSimpleName() + "[" + describe() + "]";
      default:
        break;
    }
    throw new SQLFeatureNotSupportedException(name + " on " + describe());
  }

  /** The statement, for messages. */
  protected abstract String describe();
}

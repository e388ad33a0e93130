package io.thermocline.sql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * A prepared INSERT, UPDATE or DELETE: keeps the parsed statement and its bind values, and runs on
 * the engine; {@code addBatch} collects value sets that {@code executeBatch} runs as one
 * transaction (in autocommit mode). Not thread-safe, as JDBC statements.
 */
final class DmlStatementHandler implements InvocationHandler {
  private final ConnectionHandler connection;
  private final SqlNode statement;
  private final List<Object> params = new ArrayList<>();
  private final List<List<Object>> batch = new ArrayList<>();
  private long lastCount = -1;
  private boolean closed;

  DmlStatementHandler(ConnectionHandler connection, SqlNode statement) {
    this.connection = connection;
    this.statement = statement;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
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
    switch (name) {
      case "clearParameters":
        params.clear();
        return null;
      case "addBatch":
        if (args == null) {
          batch.add(new ArrayList<>(params));
          return null;
        }
        throw new SQLException("addBatch(String) is not allowed on a PreparedStatement");
      case "clearBatch":
        batch.clear();
        return null;
      case "executeBatch":
      case "executeLargeBatch":
        {
          List<SqlNode> nodes = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            nodes.add(statement);
          }
          long[] counts = connection.runBatch(nodes, batch);
          batch.clear();
          return name.equals("executeBatch") ? StatementHandler.toInts(counts) : counts;
        }
      case "execute":
      case "executeUpdate":
      case "executeLargeUpdate":
        if (args != null) {
          throw new SQLException(name + "(String) is not allowed on a PreparedStatement");
        }
        lastCount = connection.runDml(statement, params);
        if (name.equals("execute")) {
          return false;
        }
        return name.equals("executeUpdate") ? (Object) (int) lastCount : (Object) lastCount;
      case "getUpdateCount":
        return (int) lastCount;
      case "getLargeUpdateCount":
        return lastCount;
      case "getResultSet":
        return null;
      case "getMoreResults":
        lastCount = -1;
        return false;
      case "getConnection":
        return connection.proxy();
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(self)) {
          return self;
        }
        break;
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self);
      case "getWarnings":
        return null;
      case "clearWarnings":
        return null;
      case "hashCode":
        return System.identityHashCode(self);
      case "equals":
        return self == args[0];
      case "toString":
        return "DmlStatement[" + statement + "]";
      default:
        break;
    }
    throw new SQLFeatureNotSupportedException(name + " on a prepared DML statement");
  }
}

package io.thermocline.sql.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * A prepared INSERT, UPDATE or DELETE: keeps the parsed statement and its bind values, and runs on
 * the engine; {@code addBatch} collects value sets that {@code executeBatch} runs as one
 * transaction (in autocommit mode). Not thread-safe, as JDBC statements.
 */
final class DmlStatementHandler extends PreparedStatementHandler {
  private final SqlNode statement;
  private final List<List<Object>> batch = new ArrayList<>();
  private long lastCount = -1;

  DmlStatementHandler(ConnectionHandler connection, SqlNode statement) {
    super(connection);
    this.statement = statement;
  }

  @Override
  protected Object handle(Object self, String name, Object[] args) throws SQLException {
    switch (name) {
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
          List<List<Object>> values = new ArrayList<>(batch);
          batch.clear();
          long[] counts = connection.runBatch(nodes, values);
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
      case "executeQuery":
        throw new SQLException("executeQuery needs a query, not DML: " + describe());
      case "getUpdateCount":
        return (int) lastCount;
      case "getLargeUpdateCount":
        return lastCount;
      case "getResultSet":
      case "getMetaData":
        return null;
      case "getParameterMetaData":
        return UntypedParameters.of(statement);
      case "getMoreResults":
        lastCount = -1;
        return false;
      default:
        return UNHANDLED;
    }
  }

  @Override
  protected String describe() {
    return String.valueOf(statement);
  }
}

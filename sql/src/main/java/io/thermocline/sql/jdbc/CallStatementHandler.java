package io.thermocline.sql.jdbc;

import io.thermocline.sql.system.ProcedureCall;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;

/**
 * A prepared {@code CALL SYS.x(...)} or {@code BACKUP DATA}: each execution runs the procedure with
 * the bound values and returns its rows as a Calcite result set. The result metadata is known
 * before execution (the procedure's result schema). Not thread-safe, as JDBC statements.
 */
final class CallStatementHandler extends PreparedStatementHandler {
  private final ProcedureCall call;
  private Statement current;
  private ResultSet results;
  private PreparedStatement metadataSource;

  CallStatementHandler(ConnectionHandler connection, ProcedureCall call) {
    super(connection);
    this.call = call;
  }

  @Override
  protected Object handle(Object self, String name, Object[] args) throws SQLException {
    switch (name) {
      case "execute":
      case "executeQuery":
        if (args != null) {
          throw new SQLException(name + "(String) is not allowed on a PreparedStatement");
        }
        run();
        return name.equals("execute") ? (Object) true : results;
      case "executeUpdate":
      case "executeLargeUpdate":
        throw new SQLException("CALL returns rows: use execute or executeQuery: " + describe());
      case "getResultSet":
        return results;
      case "getUpdateCount":
        return -1;
      case "getLargeUpdateCount":
        return -1L;
      case "getMoreResults":
        closeResults();
        return false;
      case "getMetaData":
        if (metadataSource == null) {
          metadataSource = connection.calcite().prepareStatement(connection.emptyResultOf(call));
        }
        return metadataSource.getMetaData();
      case "getParameterMetaData":
        return new UntypedParameters(call.parameterCount());
      default:
        return UNHANDLED;
    }
  }

  private void run() throws SQLException {
    closeResults();
    String query = connection.runCall(call, new ArrayList<>(params));
    current = connection.calcite().createStatement();
    results = current.executeQuery(query);
  }

  private void closeResults() throws SQLException {
    if (current != null) {
      Statement s = current;
      current = null;
      results = null;
      s.close();
    }
  }

  @Override
  protected void release() throws SQLException {
    try {
      closeResults();
    } finally {
      if (metadataSource != null) {
        metadataSource.close();
      }
    }
  }

  @Override
  protected String describe() {
    return "CALL SYS." + call.name();
  }
}

package io.thermocline.sql.jdbc;

import io.thermocline.engine.Transaction;
import io.thermocline.sql.dml.DmlExecutor;
import io.thermocline.sql.parser.ThermoSqlParser;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.SqlNode;

/**
 * The behaviour of a driver connection: Calcite's connection for queries, DDL and metadata; the
 * engine session for DML and transaction control (commit, rollback, autocommit). Statements are
 * proxied the same way. Not thread-safe, like the connection it backs.
 */
final class ConnectionHandler implements InvocationHandler {
  private static final ThermoSqlParser PARSER = new ThermoSqlParser();

  private final CalciteConnection calcite;
  private final SessionState state;
  private final DmlExecutor dml;
  private Connection proxy;
  private boolean closed;

  ConnectionHandler(CalciteConnection calcite, SessionState state) {
    this.calcite = calcite;
    this.state = state;
    Function<Function<Transaction, Long>, Long> writer = state::write;
    this.dml = new DmlExecutor(state.database(), writer, this::query);
  }

  void setProxy(Connection proxy) {
    this.proxy = proxy;
  }

  Connection proxy() {
    return proxy;
  }

  /** The parsed statement when it is DML this driver runs itself, else null. */
  SqlNode dmlOrNull(String sql) throws SQLException {
    SqlNode node;
    try {
      node = PARSER.parse(sql);
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
    return DmlExecutor.handles(node) ? node : null;
  }

  long runDml(SqlNode node, List<Object> params) throws SQLException {
    try {
      return dml.execute(node, params);
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  /** Runs a JDBC batch; in autocommit mode the whole batch is one engine transaction. */
  long[] runBatch(List<SqlNode> nodes, List<List<Object>> params) throws SQLException {
    boolean wrap = state.autoCommit();
    if (wrap) {
      state.setAutoCommit(false);
    }
    long[] counts = new long[nodes.size()];
    try {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = dml.execute(nodes.get(i), params.get(i));
      }
      if (wrap) {
        state.commit();
      }
      return counts;
    } catch (RuntimeException e) {
      if (wrap) {
        state.rollback();
      }
      throw SqlErrors.of(e);
    } finally {
      if (wrap) {
        state.setAutoCommit(true);
      }
    }
  }

  private List<Object[]> query(String sql) {
    try (Statement s = calcite.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    try {
      switch (name) {
        case "createStatement":
          return statement((Statement) call(method, args), Statement.class);
        case "prepareStatement":
          {
            String sql = (String) args[0];
            SqlNode node = dmlOrNull(sql);
            if (node != null) {
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {PreparedStatement.class},
                  new DmlStatementHandler(this, node));
            }
            return statement((Statement) call(method, args), PreparedStatement.class);
          }
        case "setAutoCommit":
          state.setAutoCommit((Boolean) args[0]);
          return null;
        case "getAutoCommit":
          return state.autoCommit();
        case "commit":
          state.commit();
          return null;
        case "rollback":
          if (args == null) {
            state.rollback();
            return null;
          }
          break;
        case "close":
          close();
          return null;
        case "isClosed":
          return closed;
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          break;
        default:
          break;
      }
      return call(method, args);
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  private Object call(Method method, Object[] args) throws SQLException {
    try {
      return method.invoke(calcite, args);
    } catch (InvocationTargetException e) {
      throw SqlErrors.of(e.getCause());
    } catch (IllegalAccessException e) {
      throw new SQLException(e.getMessage(), e);
    }
  }

  private Object statement(Statement delegate, Class<? extends Statement> type) {
    return Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {type}, new StatementHandler(this, delegate));
  }

  private void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      calcite.close();
    } finally {
      state.close();
      DatabaseRegistry.release(state.database());
    }
  }
}

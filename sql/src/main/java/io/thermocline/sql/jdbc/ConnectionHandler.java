package io.thermocline.sql.jdbc;

import io.thermocline.engine.Transaction;
import io.thermocline.sql.dml.DmlExecutor;
import io.thermocline.sql.parser.ThermoSqlParser;
import io.thermocline.sql.security.SqlUser;
import io.thermocline.sql.security.StatementKind;
import io.thermocline.sql.system.ProcedureCall;
import io.thermocline.sql.system.ResultQuery;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
 * engine session for DML and transaction control (commit, rollback, autocommit); CALL and BACKUP
 * DATA run the database's system procedures. Every statement is parsed here first and checked
 * against the connection user's role before anything runs. Statements are proxied the same way. Not
 * thread-safe, like the connection it backs.
 */
final class ConnectionHandler implements InvocationHandler {
  private static final ThermoSqlParser PARSER = new ThermoSqlParser();

  private final CalciteConnection calcite;
  private final SessionState state;
  private final DmlExecutor dml;
  private final SqlUser user;
  private Connection proxy;
  private boolean closed;

  ConnectionHandler(CalciteConnection calcite, SessionState state, SqlUser user) {
    this.calcite = calcite;
    this.state = state;
    this.user = user;
    Function<Function<Transaction, Long>, Long> writer = state::write;
    this.dml = new DmlExecutor(state.database(), writer, this::query);
  }

  void setProxy(Connection proxy) {
    this.proxy = proxy;
  }

  Connection proxy() {
    return proxy;
  }

  /**
   * Parses {@code sql} and refuses it when the user's role does not allow its kind; syntax errors
   * name line and column.
   */
  SqlNode parseChecked(String sql) throws SQLException {
    try {
      SqlNode node = PARSER.parse(sql);
      user.checkAllowed(StatementKind.of(node));
      return node;
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  /** The parsed statement when it is DML this driver runs itself, else null (checked as above). */
  SqlNode dmlOrNull(String sql) throws SQLException {
    SqlNode node = parseChecked(sql);
    return DmlExecutor.handles(node) ? node : null;
  }

  /**
   * Runs the procedure {@code call} stands for and returns a query that yields its result rows, to
   * run on a Calcite statement (so the result set is an ordinary one, embedded and remote).
   */
  String runCall(ProcedureCall call, List<Object> binds) throws SQLException {
    try {
      ProcedureCall.Result r = call.run(state.database(), binds);
      return ResultQuery.sql(r.schema(), r.rows());
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  /** A query with the columns of {@code call}'s result and no rows (prepared CALL metadata). */
  String emptyResultOf(ProcedureCall call) throws SQLException {
    try {
      return ResultQuery.sql(call.resultSchema(state.database()), List.of());
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  CalciteConnection calcite() {
    return calcite;
  }

  String userName() {
    return user.name();
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
        case "prepareCall":
          {
            String sql = (String) args[0];
            SqlNode node = parseChecked(sql);
            Class<?> type =
                name.equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
            if (DmlExecutor.handles(node)) {
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {type},
                  new DmlStatementHandler(this, node));
            }
            if (ProcedureCall.handles(node)) {
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {type},
                  new CallStatementHandler(this, ProcedureCall.of(node)));
            }
            if (name.equals("prepareCall")) {
              throw new SQLException("prepareCall needs CALL or BACKUP DATA: " + sql);
            }
            return statement((Statement) call(method, args), PreparedStatement.class);
          }
        case "getMetaData":
          return MetaDataHandler.wrap((DatabaseMetaData) call(method, args), this);
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

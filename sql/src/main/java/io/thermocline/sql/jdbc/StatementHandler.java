package io.thermocline.sql.jdbc;

import io.thermocline.sql.dml.DmlExecutor;
import io.thermocline.sql.system.ProcedureCall;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * A driver statement: SQL text that parses as INSERT, UPDATE or DELETE runs on the engine; CALL and
 * BACKUP DATA run a system procedure whose rows come back through Calcite; all else (queries, DDL,
 * EXPLAIN) goes to Calcite's statement. Not thread-safe, as JDBC statements.
 */
final class StatementHandler implements InvocationHandler {
  private final ConnectionHandler connection;
  private final Statement delegate;
  private final List<SqlNode> batch = new ArrayList<>();
  // The update count of the last DML this handler ran itself; null when Calcite ran the last one.
  private Long lastCount;

  StatementHandler(ConnectionHandler connection, Statement delegate) {
    this.connection = connection;
    this.delegate = delegate;
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    boolean sqlArg = args != null && args.length >= 1 && args[0] instanceof String;
    switch (name) {
      case "executeQuery":
      case "execute":
      case "executeUpdate":
      case "executeLargeUpdate":
        if (sqlArg) {
          // Parsed here first: the role check, and a syntax error reads as ours (line, column).
          SqlNode node = connection.parseChecked((String) args[0]);
          if (DmlExecutor.handles(node)) {
            if (name.equals("executeQuery")) {
              throw new SQLException("executeQuery needs a query, not DML: " + args[0]);
            }
            long n = connection.runDml(node, Collections.emptyList());
            lastCount = n;
            if (name.equals("execute")) {
              return false;
            }
            return name.equals("executeUpdate") ? (Object) (int) n : (Object) n;
          }
          if (ProcedureCall.handles(node)) {
            if (!name.equals("execute") && !name.equals("executeQuery")) {
              throw new SQLException(
                  "CALL and BACKUP DATA return rows: use execute or executeQuery: " + args[0]);
            }
            ProcedureCall call;
            try {
              call = ProcedureCall.of(node);
            } catch (RuntimeException e) {
              throw SqlErrors.of(e);
            }
            args = args.clone();
            args[0] = connection.runCall(call, Collections.emptyList());
          }
        }
        lastCount = null;
        break;
      case "addBatch":
        if (sqlArg) {
          SqlNode node = connection.dmlOrNull((String) args[0]);
          if (node == null) {
            throw new SQLException("only INSERT, UPDATE and DELETE can be batched: " + args[0]);
          }
          batch.add(node);
          return null;
        }
        break;
      case "clearBatch":
        batch.clear();
        return null;
      case "executeBatch":
      case "executeLargeBatch":
        {
          List<List<Object>> params = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            params.add(Collections.emptyList());
          }
          long[] counts = connection.runBatch(batch, params);
          batch.clear();
          return name.equals("executeBatch") ? toInts(counts) : counts;
        }
      case "getUpdateCount":
        if (lastCount != null) {
          return (int) (long) lastCount;
        }
        break;
      case "getLargeUpdateCount":
        if (lastCount != null) {
          return lastCount;
        }
        break;
      case "getResultSet":
        if (lastCount != null) {
          return null;
        }
        break;
      case "getMoreResults":
        if (lastCount != null) {
          lastCount = -1L;
          return false;
        }
        break;
      case "getConnection":
        return connection.proxy();
      default:
        if (name.startsWith("execute")) {
          lastCount = null;
        }
        break;
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw SqlErrors.of(e.getCause());
    }
  }

  static int[] toInts(long[] counts) {
    int[] out = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (int) counts[i];
    }
    return out;
  }
}

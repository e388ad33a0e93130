package io.thermocline.bench.peer;

import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB, in-memory, as the peer: loads a {@link Workload} with its row-at-a-time Appender and runs
 * SQL. One connection, used by one thread.
 */
public final class DuckDbPeer implements AutoCloseable {
  private final DuckDBConnection connection;

  public DuckDbPeer() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    this.connection = c.unwrap(DuckDBConnection.class);
  }

  public void threads(int n) throws SQLException {
    execute("SET threads=" + n);
  }

  public void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  public void create(String table, Schema schema) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (");
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.column(i);
      ddl.append(i == 0 ? "" : ", ").append('"').append(c.name()).append("\" ");
      ddl.append(c.type().sql());
      if (!c.nullable()) {
        ddl.append(" NOT NULL");
      }
    }
    execute(ddl.append(')').toString());
  }

  /** Appends every row with the Appender; returns the elapsed nanoseconds. */
  public long load(String table, Workload w) throws SQLException {
    long t0 = System.nanoTime();
    try (DuckDBAppender app = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
      for (ColumnBatch b : w.batches()) {
        appendBatch(app, b);
      }
      app.flush();
    }
    return System.nanoTime() - t0;
  }

  private static void appendBatch(DuckDBAppender app, ColumnBatch b) throws SQLException {
    int cols = b.columnCount();
    for (int r = 0; r < b.rowCount(); r++) {
      app.beginRow();
      for (int c = 0; c < cols; c++) {
        ColumnVector v = b.column(c);
        if (v.isNull(r)) {
          app.appendNull();
        } else if (v instanceof LongVector l) {
          switch (v.type().kind()) {
            case TIMESTAMP -> app.appendEpochMicros(l.get(r));
            case INTEGER -> app.append((int) l.get(r));
            case BOOLEAN -> app.append(l.get(r) != 0);
            default -> app.append(l.get(r));
          }
        } else if (v instanceof DoubleVector d) {
          app.append(d.get(r));
        } else {
          app.append(((StringVector) v).get(r));
        }
      }
      app.endRow();
    }
  }

  /** Bytes DuckDB reports for in-memory tables (its {@code duckdb_memory()} view). */
  public long tableMemoryBytes() throws SQLException {
    execute("CHECKPOINT");
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
                    + " WHERE tag = 'IN_MEMORY_TABLE'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs a query and reads every row (so both systems pay for producing the result). */
  public List<Object[]> query(String sql) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}

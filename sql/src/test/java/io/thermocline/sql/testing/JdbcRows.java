package io.thermocline.sql.testing;

import io.thermocline.engine.Database;
import io.thermocline.sql.schema.ThermoSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * What the sql module's JDBC tests read back: result rows as {@code v1|v2|...|} strings (each value
 * by {@code getString}, so SQL NULL reads "null"), EXPLAIN text, and the engine database behind an
 * embedded connection (to compare SQL with the engine API). Stateless.
 */
public final class JdbcRows {
  private JdbcRows() {}

  /** Every row of {@code sql}, each value followed by '|'. */
  public static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return read(rs);
    }
  }

  /** The remaining rows of {@code rs}, each value followed by '|'. */
  public static List<String> read(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        b.append(rs.getString(i)).append('|');
      }
      out.add(b.toString());
    }
    return out;
  }

  /** The plan of {@code sql} as EXPLAIN PLAN FOR prints it, one line per plan row. */
  public static String explain(Connection c, String sql) throws SQLException {
    return String.join("\n", rows(c, "EXPLAIN PLAN FOR " + sql));
  }

  /** The engine database an embedded {@code jdbc:thermocline:file:} connection opened. */
  public static Database database(Connection c) throws SQLException {
    return c.unwrap(CalciteConnection.class)
        .getRootSchema()
        .getSubSchema(ThermoSchema.NAME)
        .unwrap(ThermoSchema.class)
        .database();
  }
}

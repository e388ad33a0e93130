package io.thermocline.sql.system;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes rows already computed (a procedure's result) as a typed {@code VALUES} query, so the
 * driver's own SQL engine returns them as an ordinary result set — the same types, metadata and
 * remote serialization as any query. Meant for small results. Stateless.
 */
public final class ResultQuery {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private ResultQuery() {}

  /** {@code SELECT * FROM (VALUES ...) AS R (cols)} holding {@code rows} of {@code schema}. */
  public static String sql(Schema schema, List<Object[]> rows) {
    boolean[] unicode = new boolean[schema.size()];
    for (Object[] row : rows) {
      for (int i = 0; i < unicode.length; i++) {
        unicode[i] |= row[i] instanceof String s && !isLatin1(s);
      }
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM (VALUES ");
    if (rows.isEmpty()) {
      row(sql, schema, new Object[schema.size()], unicode);
    } else {
      for (int r = 0; r < rows.size(); r++) {
        if (r > 0) {
          sql.append(", ");
        }
        row(sql, schema, rows.get(r), unicode);
      }
    }
    sql.append(") AS R (");
    for (int i = 0; i < schema.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quoteIdentifier(schema.column(i).name()));
    }
    sql.append(')');
    if (rows.isEmpty()) {
      sql.append(" WHERE FALSE");
    }
    return sql.toString();
  }

  /**
   * One row. A VARCHAR column holding text outside Latin-1 (Calcite's default charset) is typed
   * UTF-16 and all its literals are Unicode literals, since Calcite casts between charsets not.
   */
  private static void row(StringBuilder sql, Schema schema, Object[] row, boolean[] unicode) {
    sql.append('(');
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.column(i);
      boolean u = unicode[i];
      String value =
          u && row[i] != null ? unicodeLiteral((String) row[i]) : literal(c.type(), row[i]);
      sql.append(i == 0 ? "" : ", ")
          .append("CAST(")
          .append(value)
          .append(" AS ")
          .append(typeName(c.type()))
          .append(u ? " CHARACTER SET \"UTF-16LE\"" : "")
          .append(')');
    }
    sql.append(')');
  }

  private static String typeName(DataType t) {
    return switch (t.kind()) {
      case TIMESTAMP -> "TIMESTAMP(3)";
      default -> t.sql();
    };
  }

  private static String literal(DataType t, Object v) {
    if (v == null) {
      return "NULL";
    }
    return switch (t.kind()) {
      case BOOLEAN -> ((Long) v) != 0L ? "TRUE" : "FALSE";
      case INTEGER, BIGINT -> Long.toString((Long) v);
      case DOUBLE -> {
        double d = (Double) v;
        yield Double.isFinite(d) ? Double.toString(d) : quote(Double.toString(d));
      }
      case DECIMAL -> BigDecimal.valueOf((Long) v, t.scale()).toPlainString();
      case VARCHAR -> quote((String) v);
      case DATE -> "DATE '" + LocalDate.ofEpochDay((Long) v) + "'";
      case TIMESTAMP -> {
        long micros = (Long) v;
        LocalDateTime time =
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000,
                ZoneOffset.UTC);
        yield "TIMESTAMP '" + TIMESTAMP.format(time) + "'";
      }
    };
  }

  private static boolean isLatin1(String s) {
    return s.chars().allMatch(ch -> ch < 0x100);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** {@code U&'...'} with every non-ASCII character escaped. */
  static String unicodeLiteral(String s) {
    StringBuilder b = new StringBuilder("U&'");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\'') {
        b.append("''");
      } else if (ch == '\\') {
        b.append("\\\\");
      } else if (ch < 0x80) {
        b.append(ch);
      } else {
        b.append(String.format("\\%04X", (int) ch));
      }
    }
    return b.append('\'').toString();
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}

package io.thermocline.admincli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads one file's rows into a table as ONE transaction: all rows or none. The rows arrive as a
 * stream of JSON lines, which the CLI makes from CSV or Parquet:
 *
 * <pre>
 * {"file": "orders.csv", "columns": ["id", "region", ...]}   header: the file's columns
 * [2, 1, "EU", ...]                                           a row: its line in the file, values
 * {"end": 1000}                                              the end: rows sent
 * </pre>
 *
 * Columns are matched to the table's by name (ignoring case); table columns the file lacks are NULL
 * (a hybrid table's aging flag FALSE). A value that does not fit aborts the load with an error
 * naming the file, the line and the column, and nothing is committed. Rows are buffered in the
 * transaction in batches, so the stream is read once, start to end. One load is single-threaded.
 */
public final class RowLoader {
  /** Rows handed to the transaction at a time. */
  static final int BATCH_ROWS = 4096;

  private static final ObjectMapper JSON = AdminJson.mapper();

  private final Database db;

  public RowLoader(Database db) {
    this.db = db;
  }

  /** Loads the stream into {@code table}; returns what was committed. */
  public LoadResult load(String table, InputStream rows) throws IOException {
    long started = System.nanoTime();
    TableDefinition d = db.table(table).definition();
    Schema schema = d.schema();
    BufferedReader in = new BufferedReader(new InputStreamReader(rows, StandardCharsets.UTF_8));
    String headerLine = in.readLine();
    if (headerLine == null) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "load of " + d.name() + ": no header");
    }
    JsonNode header = JSON.readTree(headerLine);
    String file = header.path("file").asText("<stream>");
    int[] target = mapColumns(d, file, header.path("columns"));
    int flag = d.agingFlagIndex();
    long count = 0;
    long cid;
    try (Session session = db.session();
        Transaction tx = session.begin()) {
      List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
      long firstLine = -1;
      long endMark = -1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        if (row.isObject()) {
          endMark = row.path("end").asLong(-1);
          break;
        }
        long lineNo = row.path(0).asLong();
        if (batch.isEmpty()) {
          firstLine = lineNo;
        }
        batch.add(convert(schema, target, flag, file, lineNo, row));
        if (batch.size() == BATCH_ROWS) {
          count += insert(tx, d.name(), file, firstLine, lineNo, batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        count += insert(tx, d.name(), file, firstLine, -1, batch);
      }
      if (endMark != count) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "the load of file "
                + file
                + " ended after "
                + count
                + " rows without its end mark (the client stopped?); nothing was loaded");
      }
      cid = tx.commit();
    }
    return new LoadResult(d.name(), file, count, cid, (System.nanoTime() - started) / 1_000_000);
  }

  private static long insert(
      Transaction tx, String table, String file, long first, long last, List<Object[]> batch) {
    try {
      return tx.insertRows(table, batch);
    } catch (ThermoException e) {
      throw new ThermoException(
          e.code(),
          "file "
              + file
              + (last < 0 ? " from line " + first : " lines " + first + "-" + last)
              + ": "
              + stripCode(e),
          e);
    }
  }

  /** For each value position of a row, the table column it goes to. */
  private static int[] mapColumns(TableDefinition d, String file, JsonNode columns) {
    if (!columns.isArray() || columns.isEmpty()) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "file " + file + " names no columns (a header is needed)");
    }
    int[] target = new int[columns.size()];
    boolean[] seen = new boolean[d.schema().size()];
    for (int i = 0; i < target.length; i++) {
      String name = columns.get(i).asText().trim();
      int c = d.schema().find(name);
      if (c < 0) {
        throw new ThermoException(
            ErrorCode.UNKNOWN_COLUMN,
            "file "
                + file
                + " has the column "
                + name
                + " which table "
                + d.name()
                + " lacks; the table has "
                + d.schema().names());
      }
      if (seen[c]) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "file " + file + " has the column " + name + " twice");
      }
      seen[c] = true;
      target[i] = c;
    }
    return target;
  }

  private static Object[] convert(
      Schema schema, int[] target, int flag, String file, long line, JsonNode row) {
    if (!row.isArray() || row.size() != target.length + 1) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "file "
              + file
              + " line "
              + line
              + ": "
              + (row.size() - 1)
              + " values, the header has "
              + target.length);
    }
    Object[] values = new Object[schema.size()];
    if (flag >= 0) {
      values[flag] = Boolean.FALSE;
    }
    for (int i = 0; i < target.length; i++) {
      Column c = schema.column(target[i]);
      try {
        Object v = ValueParser.parse(c, row.get(i + 1));
        c.toStorage(v); // checks type, range and NOT NULL here, where the line is known
        values[target[i]] = v;
      } catch (ThermoException e) {
        String inner = stripCode(e);
        // The engine's and the parser's messages start by naming the column already.
        String where = inner.startsWith("column " + c.name() + " ") ? "" : " column " + c.name();
        throw new ThermoException(
            e.code(), "file " + file + " line " + line + where + ": " + inner, e);
      }
    }
    for (int c = 0; c < values.length; c++) {
      if (values[c] == null && !schema.column(c).nullable()) {
        throw new ThermoException(
            ErrorCode.NOT_NULL_VIOLATION,
            "file "
                + file
                + " line "
                + line
                + " column "
                + schema.column(c).name()
                + ": the column is NOT NULL but the file gives no value");
      }
    }
    return values;
  }

  /** The message without its leading error code (the new exception carries the code). */
  static String stripCode(ThermoException e) {
    String m = e.getMessage();
    String prefix = e.code().code() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}

package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.admincli.admin.AdminJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo sql [STATEMENT] [-f FILE]} (or a script on stdin): runs SQL over the server's JDBC
 * endpoint as the user (roles apply: a REPORTER may only query). Statements of a script are
 * separated by {@code ;} at a line end. Results print as tables, or with --json as arrays of
 * objects.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(name = "sql", description = "Run SQL statements through the server's JDBC endpoint.")
public final class SqlCommand extends CommandBase {
  @Parameters(index = "0", arity = "0..1", paramLabel = "STATEMENT")
  String statement;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "A script of statements.")
  Path file;

  @Option(
      names = "--jdbc",
      paramLabel = "URL",
      description = "JDBC URL (default: the endpoint the admin API names).")
  String jdbc;

  @Override
  public Integer call() throws IOException, SQLException {
    List<String> statements = new ArrayList<>();
    if (statement != null) {
      statements.add(statement);
    }
    if (file != null) {
      statements.addAll(split(Files.readString(file, StandardCharsets.UTF_8)));
    }
    if (statements.isEmpty() && System.console() == null) {
      statements.addAll(split(new String(root().stdin().readAllBytes(), StandardCharsets.UTF_8)));
    }
    if (statements.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give a STATEMENT, --file or a script on stdin");
    }
    String url = jdbc;
    if (url == null) {
      url = client().get("/api/endpoints").path("jdbcUrl").asText();
    }
    registerDriver();
    ArrayNode results = AdminJson.mapper().createArrayNode();
    try (Connection c =
        DriverManager.getConnection(url, root().userName(), new String(root().password()))) {
      for (String sql : statements) {
        try (Statement st = c.createStatement()) {
          boolean rs = st.execute(sql);
          if (rs) {
            try (ResultSet r = st.getResultSet()) {
              results.add(rows(r));
            }
          } else {
            ObjectNode n = AdminJson.mapper().createObjectNode();
            n.put("updateCount", st.getUpdateCount());
            results.add(n);
          }
        }
      }
    } catch (SQLException e) {
      throw new CliFailure(null, concise(e.getMessage()));
    }
    if (output().json()) {
      return show(results.size() == 1 ? results.get(0) : results);
    }
    for (com.fasterxml.jackson.databind.JsonNode r : results) {
      if (r.isObject()) {
        output().line(r.path("updateCount").asLong() + " rows affected");
      } else {
        output().print(r);
        output().line("(" + r.size() + " rows)");
      }
    }
    return 0;
  }

  /**
   * Loads the Thermocline driver so DriverManager knows its URLs (its initializer registers it).
   */
  private static void registerDriver() {
    try {
      Class.forName(io.thermocline.sql.jdbc.ThermoDriver.class.getName());
    } catch (ClassNotFoundException e) {
      throw new CliFailure(null, "the Thermocline JDBC driver is not on the class path");
    }
  }

  private static ArrayNode rows(ResultSet r) throws SQLException {
    ResultSetMetaData md = r.getMetaData();
    ArrayNode rows = AdminJson.mapper().createArrayNode();
    while (r.next()) {
      ObjectNode row = rows.addObject();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object v = r.getObject(i);
        String name = md.getColumnLabel(i);
        if (v == null) {
          row.putNull(name);
        } else if (v instanceof Number || v instanceof Boolean) {
          row.set(name, AdminJson.mapper().valueToTree(v));
        } else {
          row.put(name, v.toString());
        }
      }
    }
    return rows;
  }

  /**
   * The part of a remote JDBC error a person needs: the Thermocline error (code and message) if
   * there is one, else the innermost cause's message, without the chain of wrappers Avatica adds.
   */
  static String concise(String message) {
    if (message == null) {
      return "SQL error";
    }
    java.util.regex.Matcher tc =
        java.util.regex.Pattern.compile("TC-\\d{4}: .*?(?= -> |$)").matcher(message);
    if (tc.find()) {
      return tc.group();
    }
    int last = message.lastIndexOf(" -> ");
    String inner = last < 0 ? message : message.substring(last + 4);
    int colon = inner.indexOf(": ");
    if (colon > 0 && inner.substring(0, colon).matches("[A-Za-z.]*(Exception|Error)")) {
      inner = inner.substring(colon + 2);
    }
    return inner;
  }

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("--") && sb.length() == 0) {
        continue;
      }
      sb.append(line).append('\n');
      if (t.endsWith(";")) {
        String s = sb.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        sb.setLength(0);
      }
    }
    if (!sb.toString().isBlank()) {
      out.add(sb.toString().strip());
    }
    return out;
  }
}

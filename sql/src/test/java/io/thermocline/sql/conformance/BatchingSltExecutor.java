package io.thermocline.sql.conformance;

import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;

/**
 * Runs one sqllogictest file on one JDBC connection with the sql-logic-test library's own result
 * checking ({@link JdbcExecutor#validate}: value formatting, sort modes, MD5 hashing), but sends
 * runs of consecutive {@code INSERT} statements as one JDBC batch, so loading a file's tables costs
 * a few transactions instead of thousands. Every database under comparison runs through this same
 * class. Single-threaded; one instance per file.
 */
final class BatchingSltExecutor extends JdbcExecutor {
  private static final int MAX_BATCH = 2_000;

  /** One failed query or statement: where it is and why. */
  record Failure(String file, String sql, String reason) {
    @Override
    public String toString() {
      return file + ": " + reason + "\n    " + sql;
    }
  }

  private final Connection connection;
  private final int maxQueries;
  private final List<Failure> failures = new ArrayList<>();
  private int passed;
  private int failed;

  /**
   * @param maxQueries queries after this many are skipped (statements still run, so the data stays
   *     as the file builds it)
   */
  BatchingSltExecutor(
      OptionsParser.SuppliedOptions options, Connection connection, int maxQueries) {
    super(options, "jdbc:unused", "", "");
    this.connection = connection;
    this.maxQueries = maxQueries;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  int passed() {
    return passed;
  }

  int failed() {
    return failed;
  }

  List<Failure> failures() {
    return failures;
  }

  @Override
  public TestStatistics execute(SltTestFile file, OptionsParser.SuppliedOptions options)
      throws SQLException {
    TestStatistics stats = new TestStatistics(false, 0);
    List<String> inserts = new ArrayList<>();
    List<ISqlTestOperation> ops = file.fileContents;
    for (int i = 0; i < ops.size(); i++) {
      ISqlTestOperation op = ops.get(i);
      SltSqlStatement stat = op.as(SltSqlStatement.class);
      if (stat != null) {
        if (stat.shouldPass && isInsert(stat.statement) && inserts.size() < MAX_BATCH) {
          inserts.add(stat.statement);
          continue;
        }
        if (!flush(file, inserts) || !statement(file, stat)) {
          failed +=
              Math.min(remainingQueries(ops, i + 1), Math.max(0, maxQueries - passed - failed));
          return stats;
        }
        continue;
      }
      if (!flush(file, inserts)) {
        failed += Math.min(remainingQueries(ops, i), Math.max(0, maxQueries - passed - failed));
        return stats;
      }
      if (passed + failed < maxQueries) {
        query(file, op.to(options.err, SqlTestQuery.class));
      }
    }
    flush(file, inserts);
    return stats;
  }

  private static boolean isInsert(String sql) {
    return sql.trim().toUpperCase(Locale.ROOT).startsWith("INSERT");
  }

  private static int remainingQueries(List<ISqlTestOperation> ops, int from) {
    int n = 0;
    for (int i = from; i < ops.size(); i++) {
      if (ops.get(i).as(SltSqlStatement.class) == null) {
        n++;
      }
    }
    return n;
  }

  private boolean flush(SltTestFile file, List<String> inserts) {
    if (inserts.isEmpty()) {
      return true;
    }
    try (Statement s = connection.createStatement()) {
      for (String sql : inserts) {
        s.addBatch(sql);
      }
      s.executeBatch();
      return true;
    } catch (SQLException e) {
      failures.add(
          new Failure(
              file.toString(),
              inserts.get(0) + " ... (" + inserts.size() + " INSERTs)",
              "batch failed: " + e.getMessage()));
      return false;
    } finally {
      inserts.clear();
    }
  }

  private boolean statement(SltTestFile file, SltSqlStatement stat) {
    try (Statement s = connection.createStatement()) {
      s.execute(stat.statement);
      if (!stat.shouldPass) {
        failures.add(new Failure(file.toString(), stat.statement, "statement should have failed"));
      }
      return true;
    } catch (SQLException e) {
      if (stat.shouldPass) {
        failures.add(new Failure(file.toString(), stat.statement, "failed: " + e.getMessage()));
        return false;
      }
      return true;
    }
  }

  private void query(SltTestFile file, SqlTestQuery query) {
    // A fresh statistics object per query, so a failure's description is this query's alone.
    TestStatistics stats = new TestStatistics(false, 0);
    String reason;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query.getQuery())) {
      validate(query, rs, query.outputDescription, stats);
      if (stats.getFailedTestCount() == 0) {
        passed++;
        return;
      }
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      stats.printStatistics(
          new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8));
      reason = text.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (SQLException | RuntimeException | NoSuchAlgorithmException | AssertionError e) {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    failed++;
    failures.add(new Failure(file.toString(), query.getQuery(), reason));
  }
}

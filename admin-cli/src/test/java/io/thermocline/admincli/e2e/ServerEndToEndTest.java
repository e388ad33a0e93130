package io.thermocline.admincli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.cli.CliRun;
import io.thermocline.testkit.TestSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The appliance end to end: a real server process driven by the real CLI and a JDBC client — create
 * a hybrid table, load, set a policy, age, query, back up, stop (SIGTERM), restore into a new
 * directory, start again and get the same answers; on the way, bad input (wrong role, restore onto
 * the live directory) fails with one line and changes nothing.
 */
class ServerEndToEndTest {
  static final String QUERY =
      "SELECT region, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY region ORDER BY"
          + " region";

  @TempDir Path dir;

  @Test
  void createLoadAgeQueryBackupStopRestoreRestart(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(info.getDisplayName());
    Path dataA = dir.resolve("a");
    Path dataB = dir.resolve("b");
    Path csv = dir.resolve("orders.csv");
    int rows = 3000;
    long old = writeOrders(csv, rows, new Random(seed));

    List<String> answers;
    String backupId;
    try (ServerProcess a = ServerProcess.start(dataA, "512m")) {
      assertThat(a.adminPassword).as("the first start prints a generated password").isNotNull();
      Map<String, String> admin = a.admin();
      add(admin, "wendy", "WRITER", "writer-pw-1");
      add(admin, "rita", "REPORTER", "report-pw-1");

      ok(
          CliRun.run(
              admin,
              "table",
              "create",
              "orders",
              "--hybrid",
              "--column",
              "id BIGINT",
              "--column",
              "region VARCHAR(8)",
              "--column",
              "amount DECIMAL(12,2)",
              "--column",
              "created_at TIMESTAMP NOT NULL",
              "--column",
              "status VARCHAR(10)",
              "--primary-key",
              "id",
              "--time-column",
              "created_at",
              "--partition-by",
              "MONTH"));
      CliRun load = ok(CliRun.run(a.as("wendy", "writer-pw-1"), "load", "orders", csv.toString()));
      assertThat(load.out()).as("seed %d", seed).contains("loaded " + rows + " rows");

      ok(
          CliRun.run(
              admin,
              "policy",
              "set",
              "orders",
              "--rule",
              "created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND status = 'CLOSED'",
              "--schedule",
              "CRON 0 0 2 * * ?"));
      JsonNode dry = json(CliRun.run(admin, "--json", "policy", "dry-run", "orders"));
      assertThat(dry.path("rowsToCold").asLong()).as("seed %d", seed).isEqualTo(old);
      JsonNode run = json(CliRun.run(admin, "--json", "age", "run", "orders"));
      assertThat(run.path("rowsToCold").asLong()).as("seed %d", seed).isEqualTo(old);

      answers = query(a.jdbcUrl, "rita", "report-pw-1");
      assertThat(answers).hasSize(4);
      try (Connection c = DriverManager.getConnection(a.jdbcUrl, "rita", "report-pw-1");
          Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.executeUpdate("DELETE FROM orders"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("TC-4002");
      }
      assertThat(query(a.jdbcUrl, "rita", "report-pw-1")).isEqualTo(answers);
      JsonNode users =
          json(
              CliRun.run(
                  a.as("rita", "report-pw-1"),
                  "--json",
                  "sql",
                  "SELECT NAME, ROLE FROM SYS.USERS ORDER BY NAME"));
      assertThat(users.toString())
          .contains("{\"NAME\":\"rita\",\"ROLE\":\"REPORTER\"}")
          .doesNotContain("pw");
      JsonNode count =
          json(
              CliRun.run(
                  a.as("rita", "report-pw-1"),
                  "--json",
                  "sql",
                  "SELECT COUNT(*) AS N FROM orders"));
      assertThat(count.get(0).path("N").asLong()).isEqualTo(rows);

      CliRun denied = CliRun.run(a.as("rita", "report-pw-1"), "backup", "create");
      assertThat(denied.status()).isEqualTo(1);
      assertThat(denied.errorLine()).startsWith("error: TC-4002: user rita (role REPORTER)");

      JsonNode backup = json(CliRun.run(admin, "--json", "backup", "create", "--label", "e2e"));
      backupId = backup.path("id").asText();
      assertThat(json(CliRun.run(admin, "--json", "backup", "list")).toString()).contains(backupId);
      JsonNode verify = json(CliRun.run(admin, "--json", "backup", "verify", backupId));
      assertThat(verify.path("intact").asBoolean()).isTrue();

      CliRun live =
          CliRun.run(Map.of(), "restore", backupId, "--data", dataA.toString(), "--force");
      assertThat(live.status()).isEqualTo(1);
      assertThat(live.errorLine())
          .startsWith("error: TC-3006: the data directory")
          .contains("in use");
      assertThat(query(a.jdbcUrl, "rita", "report-pw-1")).isEqualTo(answers);

      int exit = a.stop();
      assertThat(exit).isIn(0, 143);
    }

    ok(
        CliRun.run(
            Map.of(),
            "restore",
            backupId,
            "--data",
            dataB.toString(),
            "--from",
            dataA.toAbsolutePath() + "-backups"));
    try (ServerProcess b = ServerProcess.start(dataB, "512m")) {
      assertThat(query(b.jdbcUrl, "admin", b.adminPassword)).as("seed %d", seed).isEqualTo(answers);
      JsonNode t = json(CliRun.run(b.admin(), "--json", "table", "describe", "orders"));
      assertThat(t.path("coldRows").asLong()).isEqualTo(old);
      assertThat(t.path("hotRows").asLong()).isEqualTo(rows - old);
      b.stop();
    }
  }

  static void add(Map<String, String> admin, String user, String role, String password) {
    Map<String, String> env = new HashMap<>(admin);
    env.put("THERMO_NEW_PASSWORD", password);
    ok(CliRun.run(env, "user", "add", user, "--role", role));
  }

  static CliRun ok(CliRun r) {
    assertThat(r.status()).as(r.err()).isZero();
    return r;
  }

  static JsonNode json(CliRun r) throws Exception {
    return AdminJson.mapper().readTree(ok(r).out());
  }

  static List<String> query(String url, String user, String password) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(QUERY)) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getBigDecimal(3));
      }
    }
    return out;
  }

  /** Orders over the last year, 80 % closed; returns how many the rule ages (closed, > 91 days). */
  static long writeOrders(Path csv, int rows, Random r) throws Exception {
    String[] regions = {"APAC", "EU", "LATAM", "US"};
    java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder("id,region,amount,created_at,status\n");
    long old = 0;
    for (int i = 1; i <= rows; i++) {
      // whole days away from the 90-day boundary, so the rule's answer cannot flip during the test
      int days = r.nextInt(365);
      if (days == 90) {
        days = 89;
      }
      boolean closed = r.nextInt(10) < 8;
      if (closed && days > 90) {
        old++;
      }
      sb.append(i)
          .append(',')
          .append(regions[r.nextInt(4)])
          .append(',')
          .append(r.nextInt(1_000_000) / 100)
          .append('.')
          .append(String.format("%02d", r.nextInt(100)))
          .append(',')
          .append(now.minusDays(days).withNano(0).toString().replace('T', ' '))
          .append(',')
          .append(closed ? "CLOSED" : "OPEN")
          .append('\n');
    }
    Files.writeString(csv, sb);
    return old;
  }
}

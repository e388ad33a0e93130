package io.thermocline.admincli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.cli.CliRun;
import io.thermocline.common.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API and the real CLI in-process against a server in this JVM: tables, loads, policies,
 * aging, status, users, roles, audit, and the one-line errors with their exit statuses, each of
 * which changes nothing.
 */
class AdminApiTest {
  static final String ADMIN_PW = "admin-password";

  @TempDir static Path dir;
  static ThermoServer server;
  static Map<String, String> admin;

  @BeforeAll
  static void start() {
    Config c =
        Config.defaults()
            .with(ServerSettings.ADMIN_PORT, 0)
            .with(ServerSettings.JDBC_PORT, 0)
            .with(ServerSettings.PASSWORD_ITERATIONS, 10_000);
    server =
        ThermoServer.start(
            new ServerOptions(dir.resolve("data"), c, ADMIN_PW.toCharArray(), System.out));
    admin = CliRun.as(server.adminUrl(), "admin", ADMIN_PW);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static JsonNode json(CliRun r) throws Exception {
    assertThat(r.status()).as(r.err()).isZero();
    return AdminJson.mapper().readTree(r.out());
  }

  static CliRun createOrders(String name) {
    return CliRun.run(
        admin,
        "table",
        "create",
        name,
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
        "--aging-rule",
        "created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND status = 'CLOSED'");
  }

  @Test
  void createLoadAgeAndDescribe() throws Exception {
    assertThat(createOrders("orders").status()).isZero();
    Path csv = dir.resolve("orders.csv");
    StringBuilder sb = new StringBuilder("id,region,amount,created_at,status\n");
    for (int i = 1; i <= 1000; i++) {
      String day = i <= 400 ? "2020-01-01 10:00:00" : "2099-01-01 10:00:00";
      sb.append(i).append(",EU,").append(i).append(".50,").append(day).append(",CLOSED\n");
    }
    Files.writeString(csv, sb);
    CliRun load = CliRun.run(admin, "load", "orders", csv.toString());
    assertThat(load.status()).as(load.err()).isZero();
    assertThat(load.out()).contains("loaded 1000 rows into ORDERS");

    JsonNode dry = json(CliRun.run(admin, "--json", "policy", "dry-run", "orders"));
    assertThat(dry.path("rowsToCold").asLong()).isEqualTo(400);

    JsonNode run = json(CliRun.run(admin, "--json", "age", "run", "orders"));
    assertThat(run.path("rowsToCold").asLong()).isEqualTo(400);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");

    JsonNode t = json(CliRun.run(admin, "table", "describe", "orders", "--json"));
    assertThat(t.path("hotRows").asLong()).isEqualTo(600);
    assertThat(t.path("coldRows").asLong()).isEqualTo(400);
    JsonNode history = json(CliRun.run(admin, "--json", "age", "history", "--table", "orders"));
    assertThat(history).hasSize(1);
    CliRun status = CliRun.run(admin, "status");
    assertThat(status.out()).contains("ORDERS (HYBRID): hot 600 rows").contains("cold 400 rows");
    String metrics = CliRun.run(admin, "table", "list").out();
    assertThat(metrics).contains("ORDERS");
  }

  @Test
  void aBadRowAbortsTheWholeLoadNamingFileLineAndColumn() throws Exception {
    assertThat(createOrders("loadcheck").status()).isZero();
    Path csv = dir.resolve("bad.csv");
    StringBuilder sb = new StringBuilder("id,region,amount,created_at,status\n");
    for (int i = 1; i <= 5000; i++) {
      sb.append(i)
          .append(",EU,")
          .append(i == 4321 ? "lots" : "1.00")
          .append(",2024-01-01 00:00:00,OPEN\n");
    }
    Files.writeString(csv, sb);
    CliRun r = CliRun.run(admin, "load", "loadcheck", csv.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errorLine())
        .isEqualTo(
            "error: TC-1001: file bad.csv line 4322: column AMOUNT is DECIMAL(12,2) but the value"
                + " is 'lots'");
    JsonNode t = json(CliRun.run(admin, "--json", "table", "describe", "loadcheck"));
    assertThat(t.path("hotRows").asLong()).isZero();
  }

  @Test
  void badInputGivesOneLineAndTheRightStatusAndChangesNothing() throws Exception {
    assertThat(createOrders("guarded").status()).isZero();
    JsonNode before = json(CliRun.run(admin, "--json", "policy", "show", "guarded"));

    CliRun flags = CliRun.run(admin, "table", "list", "--bogus");
    assertThat(flags.status()).isEqualTo(2);
    assertThat(flags.err().strip())
        .startsWith("error: Unknown option: '--bogus'")
        .doesNotContain("\n");

    CliRun unknown = CliRun.run(admin, "table", "describe", "nosuch");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.errorLine()).startsWith("error: TC-1009: unknown table nosuch");

    CliRun cron =
        CliRun.run(
            admin,
            "policy",
            "set",
            "guarded",
            "--rule",
            "status = 'X'",
            "--schedule",
            "CRON 0 0 2 * *");
    assertThat(cron.status()).isEqualTo(1);
    assertThat(cron.errorLine()).startsWith("error: TC-1007").contains("cron").doesNotContain("\n");
    assertThat(json(CliRun.run(admin, "--json", "policy", "show", "guarded"))).isEqualTo(before);

    CliRun wrong =
        CliRun.run(CliRun.as(server.adminUrl(), "admin", "wrong-password"), "table", "list");
    assertThat(wrong.status()).isEqualTo(1);
    assertThat(wrong.errorLine()).isEqualTo("error: TC-4001: user or password wrong (user admin)");

    Map<String, String> newUser = new java.util.HashMap<>(admin);
    newUser.put("THERMO_NEW_PASSWORD", "reporter-pw");
    assertThat(CliRun.run(newUser, "user", "add", "rita", "--role", "REPORTER").status()).isZero();
    Map<String, String> rita = CliRun.as(server.adminUrl(), "rita", "reporter-pw");
    assertThat(CliRun.run(rita, "table", "list").status()).isZero();
    CliRun drop = CliRun.run(rita, "table", "drop", "guarded");
    assertThat(drop.status()).isEqualTo(1);
    assertThat(drop.errorLine())
        .isEqualTo(
            "error: TC-4002: user rita (role REPORTER) may not table.drop; it needs the role ADMIN");
    Path csv = dir.resolve("one.csv");
    Files.writeString(csv, "id,created_at\n1,2024-01-01 00:00:00\n");
    assertThat(CliRun.run(rita, "load", "guarded", csv.toString()).errorLine()).contains("TC-4002");
    assertThat(
            json(CliRun.run(admin, "--json", "table", "describe", "guarded"))
                .path("hotRows")
                .asLong())
        .isZero();

    JsonNode audit =
        AdminJson.mapper()
            .readTree(
                new io.thermocline.admincli.cli.AdminClient(
                        server.adminUrl(), "admin", ADMIN_PW.toCharArray())
                    .get("/api/audit?limit=500")
                    .toString());
    assertThat(audit.toString())
        .contains(
            "\"user\":\"rita\",\"action\":\"table.drop\",\"target\":\"guarded\",\"outcome\":\"TC-4002\"");
    assertThat(audit.toString())
        .contains("\"action\":\"login\"")
        .contains("\"outcome\":\"TC-4001\"");
  }

  @Test
  void parquetFilesLoadWithTheirTypes() throws Exception {
    assertThat(createOrders("fromparquet").status()).isZero();
    Path file = dir.resolve("orders.parquet");
    org.apache.parquet.schema.MessageType schema =
        org.apache.parquet.schema.Types.buildMessage()
            .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64)
            .named("id")
            .optional(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY)
            .as(org.apache.parquet.schema.LogicalTypeAnnotation.stringType())
            .named("region")
            .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64)
            .as(org.apache.parquet.schema.LogicalTypeAnnotation.decimalType(2, 12))
            .named("amount")
            .required(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64)
            .as(
                org.apache.parquet.schema.LogicalTypeAnnotation.timestampType(
                    true, org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS))
            .named("created_at")
            .named("orders");
    org.apache.parquet.example.data.simple.SimpleGroupFactory groups =
        new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
    try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> w =
        org.apache.parquet.hadoop.example.ExampleParquetWriter.builder(
                new org.apache.hadoop.fs.Path(file.toUri()))
            .withType(schema)
            .build()) {
      for (int i = 1; i <= 500; i++) {
        org.apache.parquet.example.data.Group g = groups.newGroup();
        g.add("id", (long) i);
        if (i % 5 != 0) {
          g.add("region", "EU");
        }
        g.add("amount", 1234L);
        g.add("created_at", 1_700_000_000_000_000L);
        w.write(g);
      }
    }
    CliRun load = CliRun.run(admin, "--json", "load", "fromparquet", file.toString());
    assertThat(json(load).path("rows").asLong()).isEqualTo(500);
    assertThat(
            json(CliRun.run(admin, "--json", "table", "describe", "fromparquet"))
                .path("hotRows")
                .asLong())
        .isEqualTo(500);
  }

  @Test
  void requestsWithoutCredentialsAreRefused() throws Exception {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.adminUrl() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"thermocline\"");
    assertThat(AdminJson.mapper().readTree(r.body()).path("code").asText()).isEqualTo("TC-4001");
  }

  @Test
  void metricsArePrometheusText() {
    String text =
        new io.thermocline.admincli.cli.AdminClient(
                server.adminUrl(), "admin", ADMIN_PW.toCharArray())
            .getText("/metrics");
    assertThat(text)
        .contains("# TYPE thermocline_table_rows gauge")
        .contains("jvm_memory_heap_used_bytes ");
  }
}

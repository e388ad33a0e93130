package io.thermocline.admincli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.backup.BackupSettings;
import io.thermocline.engine.catalog.TableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that open a data directory themselves: demo, restore, recover. */
class OfflineCommandsTest {
  @TempDir Path dir;

  @Test
  void demoLoadsAgesBacksUpAndReports() {
    Path data = dir.resolve("demo");
    CliRun r = CliRun.run(Map.of(), "demo", "--data", data.toString(), "--rows", "20000");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("loaded 20000 orders")
        .contains("Thermocline demo report")
        .contains("COUNT(*)         20000")
        .contains("verified intact");
    assertThat(Files.isDirectory(dir.resolve("demo-backups"))).isTrue();

    CliRun again = CliRun.run(Map.of(), "demo", "--data", data.toString(), "--rows", "10");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.errorLine()).contains("has a demo_orders table already");
  }

  @Test
  void offlineCommandsRefuseADirectoryADatabaseHolds() {
    Path data = dir.resolve("live");
    try (Database db = Thermocline.open(data)) {
      CliRun restore = CliRun.run(Map.of(), "restore", "some-id", "--data", data.toString());
      assertThat(restore.status()).isEqualTo(1);
      assertThat(restore.errorLine())
          .startsWith("error: TC-3006: the data directory " + data.toAbsolutePath())
          .endsWith("(nothing was changed)");
      CliRun recover = CliRun.run(Map.of(), "recover", "--until", "12", "--data", data.toString());
      assertThat(recover.status()).isEqualTo(1);
      assertThat(recover.errorLine()).contains("TC-3006");
      CliRun demo = CliRun.run(Map.of(), "demo", "--data", data.toString());
      assertThat(demo.errorLine()).contains("TC-3006");
      assertThat(db.tables()).isEmpty();
    }
  }

  @Test
  void restoreAndRecoverUntilACommitId() {
    Path source = dir.resolve("source");
    String target = dir.resolve("backups").toString();
    long middle;
    Config logged = Config.defaults().with(BackupSettings.LOG_ENABLED, true);
    try (Database db = Thermocline.open(source, logged);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot("T", Schema.of(Column.notNull("ID", DataType.BIGINT))));
      s.insert("T", 1L);
      s.insert("T", 2L);
      db.backups().create(target, "full", null);
      s.insert("T", 3L);
      middle = db.lastCommitted();
      s.insert("T", 4L);
      db.backups().createLog(target, null);
    }
    String full = null;
    for (var e :
        io.thermocline.recovery.backup.BackupCatalog.list(
            io.thermocline.common.io.LocalFileIO.INSTANCE, target)) {
      if (e.kind() == io.thermocline.recovery.backup.BackupKind.FULL) {
        full = e.id();
      }
    }
    CliRun restore =
        CliRun.run(
            Map.of(), "restore", full, "--data", dir.resolve("r1").toString(), "--from", target);
    assertThat(restore.status()).as(restore.err()).isZero();
    CliRun recover =
        CliRun.run(
            Map.of(),
            "recover",
            "--until",
            String.valueOf(middle),
            "--data",
            dir.resolve("r2").toString(),
            "--from",
            target);
    assertThat(recover.status()).as(recover.err()).isZero();
    try (Database r1 = Thermocline.open(dir.resolve("r1"));
        Database r2 = Thermocline.open(dir.resolve("r2"));
        Session s1 = r1.session();
        Session s2 = r2.session()) {
      assertThat(s1.count("T", null)).isEqualTo(2);
      assertThat(s2.count("T", null)).isEqualTo(3);
    }
    CliRun again =
        CliRun.run(
            Map.of(), "restore", full, "--data", dir.resolve("r1").toString(), "--from", target);
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.errorLine()).startsWith("error: TC-");
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun until =
        CliRun.run(
            Map.of(), "recover", "--until", "yesterday", "--data", dir.resolve("x").toString());
    assertThat(until.status()).isEqualTo(2);
    assertThat(until.err().strip())
        .startsWith("error: --until yesterday is neither")
        .doesNotContain("\n");
    CliRun missing = CliRun.run(Map.of(), "restore", "id-only");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--data=DIR'");
    CliRun unknown = CliRun.run(Map.of(), "frobnicate");
    assertThat(unknown.status()).isEqualTo(2);
    CliRun noServer = CliRun.run(CliRun.as("http://127.0.0.1:1", "admin", "x"), "table", "list");
    assertThat(noServer.status()).isEqualTo(1);
    assertThat(noServer.errorLine()).contains("cannot reach the server at http://127.0.0.1:1");
  }

  @Test
  void restoreOfAnUnknownBackupFailsAndLeavesTheDirectoryAlone() throws Exception {
    Path data = dir.resolve("target");
    Files.createDirectories(dir.resolve("target-backups"));
    CliRun r = CliRun.run(Map.of(), "restore", "no-such-backup", "--data", data.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.errorLine()).startsWith("error: TC-");
    assertThat(Files.exists(data) ? Files.list(data).count() : 0).isZero();
  }
}

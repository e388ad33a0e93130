package io.thermocline.admincli.cli;

import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.admin.BackupAdmin;
import io.thermocline.admincli.admin.PolicyAdmin;
import io.thermocline.admincli.admin.RowLoader;
import io.thermocline.admincli.admin.TableAdmin;
import io.thermocline.admincli.admin.TableInfo;
import io.thermocline.admincli.admin.TableSpec;
import io.thermocline.aging.AgingDryRun;
import io.thermocline.aging.AgingRun;
import io.thermocline.aging.AgingService;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.recovery.backup.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thermo demo [--data DIR] [--rows N]}: the appliance in one minute, offline on its own data
 * directory: creates a hybrid table of orders over the last year, loads them from a generated CSV
 * (the same atomic loader as {@code thermo load}), ages the closed orders older than 90 days to the
 * cold tier, checks that every row is still counted once, takes and verifies a backup, and prints a
 * report.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "demo",
    description = "Load sample orders into a hybrid table, age part of it, back up, report.")
public final class DemoCommand extends CommandBase {
  static final String TABLE = "demo_orders";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory of the demo (default ./thermocline-demo).")
  Path data = Path.of("thermocline-demo");

  @Option(names = "--rows", defaultValue = "200000", description = "Orders to generate.")
  int rows;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated orders.")
  long seed;

  @Override
  public Integer call() throws IOException {
    OfflineDirectory.requireNotHeld(data, "running the demo in it");
    Output o = output();
    long started = System.nanoTime();
    try (Database db = Thermocline.open(data)) {
      TableAdmin tables = new TableAdmin(db);
      if (db.tables().stream().anyMatch(d -> d.name().equalsIgnoreCase(TABLE))) {
        throw new CliFailure(
            null, "the directory " + data + " has a " + TABLE + " table already; use a new --data");
      }
      tables.create(
          new TableSpec(
              TABLE,
              "HYBRID",
              List.of(
                  "id BIGINT",
                  "region VARCHAR(8)",
                  "amount DECIMAL(12,2)",
                  "created_at TIMESTAMP NOT NULL",
                  "status VARCHAR(10)"),
              List.of("id"),
              "created_at",
              "MONTH",
              "created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND status = 'CLOSED'",
              "EVERY 1 HOURS",
              true));
      o.line("created hybrid table " + TABLE + " (aging rule: closed orders older than 90 days)");

      Path csv = Files.createTempFile("thermo-demo-", ".csv");
      try {
        long expectedOld = generate(csv);
        ProgressBar bar = new ProgressBar(root().err(), "load", true, !o.json());
        long loaded;
        try (CsvRows source = new CsvRows(csv, ',');
            InputStream stream = new RowStream(source, bar)) {
          loaded = new RowLoader(db).load(TABLE, stream).rows();
        } finally {
          bar.finish();
        }
        o.line("loaded " + loaded + " orders (" + expectedOld + " closed and older than 90 days)");
      } finally {
        Files.deleteIfExists(csv);
      }

      AgingService aging =
          AgingService.of(db)
              .orElseThrow(
                  () ->
                      new ThermoException(
                          ErrorCode.INTERNAL, "the aging service did not attach to the database"));
      PolicyAdmin policies = new PolicyAdmin(db, aging);
      AgingDryRun dry = policies.dryRun(TABLE);
      o.line(
          "dry run: "
              + dry.rowsToCold()
              + " rows would go cold, freeing about "
              + StatusCommand.mib(dry.hotBytesFreed())
              + " of memory");
      AgingRun run = policies.run(TABLE);
      o.line("aging run " + run.id() + ": " + run.rowsToCold() + " rows moved to the cold tier");

      long counted;
      try (Session s = db.session()) {
        counted = s.count(TABLE, null);
      }
      TableInfo t = tables.describe(TABLE);
      if (counted != rows || t.hotRows() + t.coldRows() != rows) {
        throw new ThermoException(
            ErrorCode.INTERNAL,
            "the demo counted "
                + counted
                + " rows (hot "
                + t.hotRows()
                + ", cold "
                + t.coldRows()
                + ") instead of "
                + rows);
      }

      BackupAdmin backups = new BackupAdmin(db);
      ProgressBar bar = new ProgressBar(root().err(), "backup", true, !o.json());
      BackupAdmin.CreatedBackup b;
      try {
        b = backups.create(null, "demo", bar::update);
      } finally {
        bar.finish();
      }
      BackupAdmin.VerifyResult v = backups.verify(b.target(), b.id(), ProgressListener.NONE);

      o.line("");
      o.line("Thermocline demo report");
      o.line("  data directory   " + db.dataDirectory().toAbsolutePath());
      o.line("  table            " + TABLE + " (HYBRID, cold files by month)");
      o.line(
          "  hot tier         "
              + t.hotRows()
              + " rows in "
              + StatusCommand.mib(t.hotMemoryBytes())
              + " of memory");
      o.line(
          "  cold tier        "
              + t.coldRows()
              + " rows in "
              + t.coldFiles()
              + " Parquet files, "
              + StatusCommand.mib(t.coldBytes())
              + " on disk");
      o.line("  COUNT(*)         " + counted + " (every row exactly once across the tiers)");
      o.line(
          "  backup           "
              + b.id()
              + " at commit id "
              + b.commitId()
              + ", "
              + b.files()
              + " files, "
              + StatusCommand.mib(b.bytes())
              + ", verified "
              + (v.intact() ? "intact" : "DAMAGED"));
      o.line("  backup target    " + b.target());
      o.line(
          String.format(
              Locale.ROOT, "  took             %.1f s", (System.nanoTime() - started) / 1e9));
      o.line("next: thermo server --data " + data + "   (then thermo status, thermo sql ...)");
      if (o.json()) {
        show(
            AdminJson.mapper()
                .createObjectNode()
                .put("table", TABLE)
                .put("rows", counted)
                .put("hotRows", t.hotRows())
                .put("coldRows", t.coldRows())
                .put("rowsAged", run.rowsToCold())
                .put("backup", b.id())
                .put("backupIntact", v.intact()));
      }
      return v.intact() ? 0 : 1;
    }
  }

  /** Writes the orders CSV; returns how many are closed and older than 90 days. */
  private long generate(Path csv) throws IOException {
    Random r = new Random(seed);
    String[] regions = {"EU", "US", "APAC", "LATAM"};
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    long old = 0;
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("id,region,amount,created_at,status\n");
      for (int i = 1; i <= rows; i++) {
        long ageMinutes = (long) r.nextInt(365 * 24 * 60);
        boolean closed = r.nextInt(10) < 8;
        if (closed && ageMinutes > 90L * 24 * 60) {
          old++;
        }
        w.write(
            i
                + ","
                + regions[r.nextInt(regions.length)]
                + ","
                + (r.nextInt(100_000) / 100.0)
                + ","
                + now.minusMinutes(ageMinutes).format(f)
                + ","
                + (closed ? "CLOSED" : "OPEN")
                + "\n");
      }
    }
    return old;
  }
}

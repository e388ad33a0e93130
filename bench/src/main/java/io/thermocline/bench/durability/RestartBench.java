package io.thermocline.bench.durability;

import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.recovery.wal.FsyncPolicy;
import io.thermocline.recovery.wal.WalSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Restart time of a database whose hot tier holds {@code rows} devops rows: loaded, checkpointed,
 * then a log tail of inserts, an update and a delete after the checkpoint; the database is closed
 * and opened again (checkpoint load + log replay + key sets), and the row count is checked; once
 * without a primary key and once with one (the key set rebuild). The load uses the BATCH fsync
 * policy so that it does not dominate the run; the restart reads the same files either way.
 */
public final class RestartBench {
  private static final int COMMIT_BATCHES = 25;
  private final long rows;
  private final long tailRows;

  public RestartBench(long rows, long tailRows) {
    this.rows = rows;
    this.tailRows = tailRows;
  }

  /**
   * The devops table as it is (no primary key), then the same rows with a BIGINT primary key {@code
   * id}, whose key set the open rebuilds.
   */
  public String run() throws IOException {
    StringBuilder out = new StringBuilder();
    for (boolean keyed : new boolean[] {false, true}) {
      Path dir = Files.createTempDirectory("thermo-restart-bench");
      try {
        out.append(measure(dir.resolve("db"), keyed)).append('\n');
      } finally {
        CommitBench.deleteTree(dir);
      }
    }
    return out.toString();
  }

  /** The devops schema, with {@code id BIGINT} appended as the primary key when {@code keyed}. */
  private static Schema schema(boolean keyed) {
    Schema devops = DevopsWorkload.schema();
    if (!keyed) {
      return devops;
    }
    List<Column> columns = new ArrayList<>(devops.columns());
    columns.add(Column.notNull("id", DataType.BIGINT));
    return new Schema(columns, List.of("id"), "ts");
  }

  private static Config config() {
    return Config.defaults()
        .with(EngineSettings.MAINTENANCE_ENABLED, false)
        .with(EngineSettings.EXTENSIONS_ENABLED, false)
        .with(WalSettings.FSYNC_POLICY, FsyncPolicy.BATCH);
  }

  private String measure(Path dir, boolean keyed) throws IOException {
    Workload slice = DevopsWorkload.generate(Math.min(rows, 1_000_000L), 42, 4096);
    MultiPeerTable table =
        new MultiPeerTable(
            String.format(
                Locale.ROOT,
                "Restart with %,d hot devops rows%s (checkpoint) + a log tail of %,d inserted,"
                    + " %,d updated, %,d deleted rows",
                rows,
                keyed ? ", primary key id BIGINT" : " (no primary key)",
                tailRows,
                tailRows / 2,
                tailRows / 4),
            List.of("step"),
            List.of("seconds", "rows/s"));
    long expected;
    try (Database db = Thermocline.open(dir, config());
        Session s = db.session()) {
      Schema schema = schema(keyed);
      s.createTable(TableDefinition.hot("cpu", schema));
      long t0 = System.nanoTime();
      long loaded = load(s, slice, 0, rows, schema);
      double load = (System.nanoTime() - t0) / 1e9;
      table.add(List.of("load (BATCH fsync, commits of ~100k rows)"), load, loaded / load);
      db.runMaintenance();
      t0 = System.nanoTime();
      db.checkpoint();
      double ckpt = (System.nanoTime() - t0) / 1e9;
      table.add(List.of("checkpoint write"), ckpt, loaded / ckpt);
      long tail = load(s, slice, rows, tailRows, schema);
      // The tail's newest rows: its timestamps start after every loaded row's.
      long tailStart = tsOf(rows);
      long updated =
          s.update(
              "cpu",
              Expr.and(Expr.ge("ts", tailStart), Expr.lt("ts", tsOf(rows + tailRows / 2))),
              Map.of("usage_user", 50.0));
      long deleted = s.delete("cpu", Expr.lt("ts", tsOf(tailRows / 4)));
      System.out.printf(
          Locale.ROOT,
          "tail: %d inserted, %d updated, %d deleted; log %d bytes%n",
          tail,
          updated,
          deleted,
          db.commitLog().wal().stats().bytes());
      expected = s.count("cpu", null);
    }
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (Database db = Thermocline.open(dir, config());
        Session s = db.session()) {
      double open = (System.nanoTime() - t0) / 1e9;
      double openCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      long count = s.count("cpu", null);
      if (count != expected) {
        throw new IllegalStateException("restart found " + count + " rows, expected " + expected);
      }
      table.add(List.of("open: checkpoint load + log replay"), open, count / open);
      table.add(List.of("open: CPU time of the opening thread"), openCpu, count / openCpu);
      table.note("open breakdown: " + db.restartTimings());
      table.note(
          String.format(
              Locale.ROOT,
              "load average during the run: %.1f on %d cores (a shared machine: wall times"
                  + " include waiting for a core)",
              java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                  .getSystemLoadAverage(),
              Runtime.getRuntime().availableProcessors()));
      table.note(String.format(Locale.ROOT, "checkpoint file %,d bytes", checkpointBytes(dir)));
    }
    table.note("target: restart with 10,000,000 hot rows <= 5 s");
    return table.render();
  }

  private static long checkpointBytes(Path dir) throws IOException {
    Path f = dir.resolve("checkpoint").resolve("hot.ckpt");
    return Files.exists(f) ? Files.size(f) : 0;
  }

  /** The timestamp of the devops row {@code row} (HOSTS rows per tick). */
  private static long tsOf(long row) {
    return DevopsWorkload.START_MICROS + (row / DevopsWorkload.HOSTS) * DevopsWorkload.TICK_MICROS;
  }

  /** Inserts rows {@code from..from+n} from the slice repeated with shifted timestamps. */
  private static long load(Session s, Workload slice, long from, long n, Schema schema) {
    long done = 0;
    long sliceRows = slice.rows();
    Transaction tx = null;
    int inTx = 0;
    while (done < n) {
      for (ColumnBatch b : slice.batches()) {
        if (done >= n) {
          break;
        }
        if (tx == null) {
          tx = s.begin();
        }
        long offset = ((from + done) / sliceRows) * sliceRows;
        tx.insertBatch(
            "cpu", shifted(b, offset, (int) Math.min(b.rowCount(), n - done), from + done, schema));
        done += Math.min(b.rowCount(), n - done);
        if (++inTx == COMMIT_BATCHES) {
          tx.commit();
          tx = null;
          inTx = 0;
        }
      }
    }
    if (tx != null) {
      tx.commit();
    }
    return done;
  }

  /**
   * The batch's first {@code n} rows with timestamps {@code offset} rows later, as rows of {@code
   * schema}: with its extra key column {@code id} numbering the rows from {@code firstRow}.
   */
  private static ColumnBatch shifted(
      ColumnBatch b, long offset, int n, long firstRow, Schema schema) {
    LongVector ts = (LongVector) b.column(0);
    long shift = (offset / DevopsWorkload.HOSTS) * DevopsWorkload.TICK_MICROS;
    long[] values = new long[n];
    for (int r = 0; r < n; r++) {
      values[r] = ts.values()[r] + shift;
    }
    ColumnVector[] v = new ColumnVector[schema.size()];
    v[0] = new LongVector(ts.type(), values, n, null);
    for (int c = 1; c < b.columnCount(); c++) {
      v[c] = n == b.rowCount() ? b.column(c) : CommitBench.prefix(b.column(c), n);
    }
    if (v.length > b.columnCount()) {
      long[] ids = new long[n];
      for (int r = 0; r < n; r++) {
        ids[r] = firstRow + r;
      }
      v[v.length - 1] = new LongVector(DataType.BIGINT, ids, n, null);
    }
    return new ColumnBatch(schema, n, v);
  }
}

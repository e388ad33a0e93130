package io.thermocline.bench.jdbc;

import io.thermocline.bench.peer.DuckDbPeer;
import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.hotstore.HotStoreSettings;
import io.thermocline.sql.jdbc.ThermoDriver;
import io.thermocline.sql.schema.ThermoSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Issue 7's bench: the foundation bench's three devops queries through the embedded JDBC driver
 * ({@code jdbc:thermocline:file:}), through the engine API ({@link Session#aggregate}) and in
 * in-memory DuckDB, at 1 and 2 scan threads, on a hot table and on a hybrid table whose older half
 * is cold. Every answer is checked against DuckDB's before anything is timed. JDBC is timed twice:
 * a statement prepared once and executed per run (the engine's work plus the SQL layer's), and a
 * plain Statement per run (also parsing and planning, as DuckDB's runs do).
 *
 * <p>The engine API runs on the database the JDBC connection opened (a directory opens once per
 * JVM), so the systems' runs interleave. The connection passes the scan parallelism as a database
 * setting; the directory is reopened (from its checkpoint) per thread count.
 */
public final class JdbcBench {
  private static final long HOUR = 3_600_000_000L;
  private static final String HOT = "cpu";
  private static final String HALF = "cpu_half";
  private static final int WARM_RUNS = 3;
  private static final java.time.format.DateTimeFormatter SECONDS =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final long rows;
  private final int runs;
  private long fresh;

  public JdbcBench(long rows, int runs) {
    this.rows = rows;
    this.runs = runs;
  }

  /** One query as each system spells it; {@code tsColumn} is the result column holding a time. */
  private record Query(
      String label, Expr filter, AggregateSpec spec, String sql, String duckSql, int tsColumn) {
    String sql(String table) {
      return sql.replace("$T", '"' + table + '"');
    }
  }

  public String run() throws Exception {
    System.out.printf(Locale.ROOT, "generating %,d devops rows...%n", rows);
    Workload w = DevopsWorkload.generate(rows, 42, 4096);
    long t0 =
        DevopsWorkload.START_MICROS
            + (rows / DevopsWorkload.HOSTS / 2) * DevopsWorkload.TICK_MICROS;
    List<Query> queries = queries(t0, t0 + 12 * HOUR);
    MultiPeerTable wall = table("wall clock", "ms");
    MultiPeerTable cpu = table("process CPU time", "CPU ms");
    Path dir = Files.createTempDirectory("thermo-jdbc-bench");
    try (DuckDbPeer duck = new DuckDbPeer()) {
      load(w, dir, t0);
      duck.create("cpu", w.schema());
      duck.load("cpu", w);
      duck.execute("CHECKPOINT");
      Map<String, List<Object[]>> expected = new HashMap<>();
      for (Query q : queries) {
        expected.put(q.label(), AnswerCheck.canonical(duck.query(q.duckSql()), q.tsColumn()));
      }
      for (int threads = 1; threads <= 2; threads++) {
        measure(dir, threads, queries, expected, duck, wall, cpu);
      }
    } finally {
      deleteTree(dir);
    }
    wall.note(
        "medians of "
            + runs
            + " runs after "
            + WARM_RUNS
            + " warm-up runs; the systems' runs interleave; every system reads every result row"
            + " (JDBC and DuckDB with getObject); answers checked equal to DuckDB's");
    wall.note(
        "JDBC: jdbc:thermocline:file: with hot.scan.parallelism = threads, one statement prepared"
            + " once and executed per run; Statement: createStatement + executeQuery of the same"
            + " text per run (parsed each time; the connection's plan cache serves the plan); new"
            + " text: the same query behind a new comment per run, so parsed, planned and compiled"
            + " from scratch, as DuckDB does in every run");
    wall.note(
        "half cold: a hybrid table whose rows before the middle of the time range were moved to the"
            + " cold tier; the window of (b) starts at that middle. DuckDB holds one in-memory table.");
    wall.note("targets (issue 7): JDBC/engine <= 1.3, JDBC/DuckDB <= 2 on the hot table");
    cpu.note(
        "CPU time of the whole process (all threads, DuckDB's native ones included) per run, the"
            + " mean of the timed runs (the OS counts in 10 ms ticks): what each system costs, less"
            + " disturbed than wall time on a shared machine");
    return wall.render() + "\n" + cpu.render();
  }

  private MultiPeerTable table(String what, String unit) {
    return new MultiPeerTable(
            String.format(
                Locale.ROOT,
                "Devops queries through JDBC, the engine API and DuckDB, %,d rows, %s",
                rows,
                what),
            List.of("query", "table", "threads"),
            List.of(
                "engine API " + unit,
                "JDBC " + unit,
                "Statement " + unit,
                "new text " + unit,
                "DuckDB " + unit))
        .ratio("JDBC/engine", 1, 0)
        .ratio("JDBC/DuckDB", 1, 4)
        .ratio("Statement/engine", 2, 0)
        .ratio("Statement/DuckDB", 2, 4)
        .ratio("new text/DuckDB", 3, 4);
  }

  private static List<Query> queries(long t0, long t1) {
    String from = sqlTs(t0);
    String to = sqlTs(t1);
    List<Query> q = new ArrayList<>();
    q.add(
        new Query(
            "(a) avg by host",
            null,
            AggregateSpec.of(List.of(GroupKey.column("host")), AggregateCall.avg("usage_user")),
            "SELECT \"host\", avg(\"usage_user\") FROM $T GROUP BY \"host\"",
            "SELECT host, avg(usage_user) FROM cpu GROUP BY host",
            -1));
    String[] metrics = Arrays.copyOf(DevopsWorkload.METRIC_NAMES, 5);
    List<AggregateCall> maxes = new ArrayList<>();
    StringBuilder sqlMaxes = new StringBuilder();
    for (String m : metrics) {
      maxes.add(AggregateCall.max(m));
      sqlMaxes.append(", max(\"").append(m).append("\")");
    }
    q.add(
        new Query(
            "(b) 5x max by host, hour; 12 h",
            Expr.and(Expr.ge("ts", t0), Expr.lt("ts", t1)),
            new AggregateSpec(
                List.of(GroupKey.column("host"), GroupKey.timeBucket("ts", HOUR)), maxes),
            "SELECT \"host\", TIME_BUCKET('1 HOUR', \"ts\") AS h"
                + sqlMaxes
                + " FROM $T WHERE \"ts\" >= "
                + from
                + " AND \"ts\" < "
                + to
                + " GROUP BY \"host\", TIME_BUCKET('1 HOUR', \"ts\")",
            "SELECT host, time_bucket(INTERVAL 1 HOUR, ts) h"
                + sqlMaxes.toString().replace("\"", "")
                + " FROM cpu WHERE ts >= "
                + from
                + " AND ts < "
                + to
                + " GROUP BY host, h",
            1));
    q.add(
        new Query(
            "(c) count where usage_user > 90",
            Expr.gt("usage_user", 90.0),
            AggregateSpec.of(List.of(), AggregateCall.countStar()),
            "SELECT count(*) FROM $T WHERE \"usage_user\" > 90",
            "SELECT count(*) FROM cpu WHERE usage_user > 90",
            -1));
    return q;
  }

  /**
   * Two tables of the same rows: all hot, and hybrid with the rows before {@code mid} cold (loaded
   * with their aging flag set, then moved, so no UPDATE rewrites half the table).
   */
  private void load(Workload w, Path dir, long mid) {
    System.out.println("loading " + HOT + " and " + HALF + "...");
    long t = System.nanoTime();
    try (Database db = Thermocline.open(dir);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(HOT, w.schema()));
      TableDefinition half = s.createTable(TableDefinition.hybrid(HALF, w.schema()));
      for (ColumnBatch b : w.batches()) {
        s.insertBatch(HOT, b);
        s.insertBatch(HALF, withFlag(b, half, mid));
      }
      db.runMaintenance();
      db.moveBatch(HALF, MoveDirection.TO_COLD, (int) rows);
      db.runMaintenance();
      System.out.println("tier rows of " + HALF + ": " + db.tableStats(HALF));
    }
    System.out.printf(Locale.ROOT, "loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  /** {@code b} with the table's aging flag column added: TRUE where ts is before {@code mid}. */
  private static ColumnBatch withFlag(ColumnBatch b, TableDefinition table, long mid) {
    int flag = table.agingFlagIndex();
    LongVector ts = (LongVector) b.column(0);
    long[] aged = new long[b.rowCount()];
    for (int r = 0; r < aged.length; r++) {
      aged[r] = ts.get(r) < mid ? 1 : 0;
    }
    ColumnVector[] vectors = new ColumnVector[b.columnCount() + 1];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] =
          i == flag
              ? new LongVector(DataType.BOOLEAN, aged, aged.length, null)
              : b.column(i < flag ? i : i - 1);
    }
    return new ColumnBatch(table.schema(), b.rowCount(), vectors);
  }

  /**
   * Opens the database with {@code threads} scan threads and a JDBC connection on it, checks every
   * system's answers, then times the queries with the systems' runs interleaved (so a busy moment
   * of the machine lands on all of them alike).
   */
  private void measure(
      Path dir,
      int threads,
      List<Query> queries,
      Map<String, List<Object[]>> expected,
      DuckDbPeer duck,
      MultiPeerTable wall,
      MultiPeerTable cpu)
      throws Exception {
    duck.threads(threads);
    Class.forName(ThermoDriver.class.getName());
    Properties settings = new Properties();
    settings.setProperty(HotStoreSettings.SCAN_PARALLELISM.name(), Integer.toString(threads));
    try (Connection c = DriverManager.getConnection(ThermoDriver.FILE_PREFIX + dir, settings);
        Session s = database(c).session()) {
      for (Query q : queries) {
        for (String t : List.of(HOT, HALF)) {
          String sql = q.sql(t);
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            Run[] systems = {
              () -> s.aggregate(t, q.filter(), q.spec()).rows(),
              () -> {
                try (ResultSet rs = ps.executeQuery()) {
                  return read(rs);
                }
              },
              () -> {
                try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                  return read(rs);
                }
              },
              () -> {
                // New text each run: Calcite parses, plans and compiles it from scratch.
                try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("/* " + ++fresh + " */ " + sql)) {
                  return read(rs);
                }
              },
              t.equals(HOT) ? () -> duck.query(q.duckSql()) : null
            };
            String[] names = {"engine API", "JDBC", "JDBC Statement", "JDBC new text"};
            for (int i = 0; i < names.length; i++) {
              AnswerCheck.check(
                  names[i] + ", " + t + ", " + q.label(),
                  expected.get(q.label()),
                  systems[i].get(),
                  q.tsColumn());
            }
            List<String> line =
                List.of(q.label(), t.equals(HOT) ? "hot" : "half cold", threads + "T");
            double[][] ms = time(systems);
            wall.add(line, ms[0]);
            cpu.add(line, ms[1]);
          }
        }
      }
    }
  }

  /** The database an embedded connection opened (the engine API runs on the same one). */
  private static Database database(Connection c) throws java.sql.SQLException {
    return c.unwrap(CalciteConnection.class)
        .getRootSchema()
        .getSubSchema(ThermoSchema.NAME)
        .unwrap(ThermoSchema.class)
        .database();
  }

  /** Every row with getObject, as {@link DuckDbPeer#query} reads DuckDB's. */
  private static List<Object[]> read(ResultSet rs) throws java.sql.SQLException {
    int n = rs.getMetaData().getColumnCount();
    List<Object[]> out = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[n];
      for (int i = 0; i < n; i++) {
        row[i] = rs.getObject(i + 1);
      }
      out.add(row);
    }
    return out;
  }

  @FunctionalInterface
  private interface Run {
    List<Object[]> get() throws Exception;
  }

  /**
   * Median wall-clock and mean process-CPU milliseconds of each system (null: none, NaN) over
   * {@link #runs} rounds after {@value #WARM_RUNS} untimed ones; each round runs every system once.
   */
  private double[][] time(Run[] systems) throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long[][] wall = new long[systems.length][runs];
    long[][] cpu = new long[systems.length][runs];
    for (int round = -WARM_RUNS; round < runs; round++) {
      for (int i = 0; i < systems.length; i++) {
        if (systems[i] != null) {
          long c = os.getProcessCpuTime();
          long start = System.nanoTime();
          systems[i].get();
          if (round >= 0) {
            wall[i][round] = System.nanoTime() - start;
            cpu[i][round] = os.getProcessCpuTime() - c;
          }
        }
      }
    }
    double[][] ms = new double[2][systems.length];
    for (int i = 0; i < systems.length; i++) {
      ms[0][i] = systems[i] == null ? Double.NaN : median(wall[i]);
      ms[1][i] =
          systems[i] == null ? Double.NaN : Arrays.stream(cpu[i]).sum() / 1e6 / cpu[i].length;
    }
    return ms;
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static String sqlTs(long micros) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(micros / 1_000_000, 0, ZoneOffset.UTC);
    return "TIMESTAMP '" + SECONDS.format(t) + "'";
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

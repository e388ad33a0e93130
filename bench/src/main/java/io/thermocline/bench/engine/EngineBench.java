package io.thermocline.bench.engine;

import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Issue 4's bench: a move of {@code rows} devops rows hot to cold through the engine (one
 * transaction), and the same aggregate queries over a hybrid table that is all hot, half hot and
 * half cold, and all cold. Every configuration is checked to return the same answer.
 */
public final class EngineBench {
  private final long rows;
  private final int runs;

  public EngineBench(long rows, int runs) {
    this.rows = rows;
    this.runs = runs;
  }

  public String run() throws IOException {
    Workload w = DevopsWorkload.generate(rows, 42, 4096);
    Path dir = Files.createTempDirectory("thermo-engine-bench");
    StringBuilder out = new StringBuilder();
    try {
      out.append(moves(w, dir.resolve("moves"))).append('\n');
      out.append(tiers(w, dir.resolve("tiers")));
    } finally {
      deleteTree(dir);
    }
    return out.toString();
  }

  private String moves(Workload w, Path dir) {
    MultiPeerTable table =
        new MultiPeerTable(
            String.format(Locale.ROOT, "Row moves through the engine, %,d devops rows", rows),
            List.of("move"),
            List.of("rows", "seconds", "rows/s"));
    try (Database db = Thermocline.open(dir)) {
      // Warm-up on a tenth of the rows so the JIT has compiled the move path.
      Workload warm = new Workload("warm", w.schema(), w.batches().subList(0, 25), 25L * 4096);
      load(db, "warm", warm);
      flagAll(db, "warm", true);
      db.moveBatch("warm", MoveDirection.TO_COLD, Integer.MAX_VALUE);
      flagAll(db, "warm", false);
      db.moveBatch("warm", MoveDirection.TO_HOT, Integer.MAX_VALUE);

      load(db, "cpu", w);
      flagAll(db, "cpu", true);
      db.runMaintenance();
      long t = System.nanoTime();
      long moved = db.moveBatch("cpu", MoveDirection.TO_COLD, (int) rows);
      double s = (System.nanoTime() - t) / 1e9;
      table.add(List.of("hot -> cold, one transaction"), moved, s, moved / s);
      flagAll(db, "cpu", false);
      db.runMaintenance();
      t = System.nanoTime();
      moved = db.moveBatch("cpu", MoveDirection.TO_HOT, (int) rows);
      s = (System.nanoTime() - t) / 1e9;
      table.add(List.of("cold -> hot, one transaction"), moved, s, moved / s);
    }
    table.note("target for hot -> cold: >= 1,000,000 rows/s on 2 cores");
    return table.render();
  }

  private String tiers(Workload w, Path dir) {
    MultiPeerTable table =
        new MultiPeerTable(
                String.format(
                    Locale.ROOT,
                    "Same query, table all hot / half-half / all cold, %,d rows",
                    rows),
                List.of("query"),
                List.of("all hot ms", "half/half ms", "all cold ms"))
            .ratio("half/hot", 1, 0)
            .ratio("cold/hot", 2, 0);
    try (Database db = Thermocline.open(dir)) {
      for (String name : List.of("t_hot", "t_half", "t_cold")) {
        load(db, name, w);
      }
      flagAll(db, "t_cold", true);
      db.moveBatch("t_cold", MoveDirection.TO_COLD, (int) rows);
      // Half: the older half of the rows (first half of the time range) goes cold.
      long mid =
          DevopsWorkload.START_MICROS
              + (rows / DevopsWorkload.HOSTS / 2) * DevopsWorkload.TICK_MICROS;
      try (Session s = db.session()) {
        s.update("t_half", Expr.lt("ts", mid), Map.of(TableDefinition.DEFAULT_AGING_FLAG, true));
      }
      db.moveBatch("t_half", MoveDirection.TO_COLD, (int) rows);
      db.runMaintenance();
      System.out.println("tier rows: " + db.tableStats("t_half"));

      AggregateSpec a =
          AggregateSpec.of(List.of(GroupKey.column("host")), AggregateCall.avg("usage_user"));
      AggregateSpec c = AggregateSpec.of(List.of(), AggregateCall.countStar());
      AggregateSpec all =
          AggregateSpec.of(
              List.of(),
              AggregateCall.countStar(),
              AggregateCall.sum("usage_user"),
              AggregateCall.max("usage_idle"));
      query(table, db, "avg(usage_user) by host", null, a);
      query(table, db, "count where usage_user > 90", Expr.gt("usage_user", 90.0), c);
      query(table, db, "count, sum, max over all rows", null, all);
    }
    return table.render();
  }

  private void query(
      MultiPeerTable table, Database db, String what, Expr filter, AggregateSpec spec) {
    double[] ms = new double[3];
    String[] names = {"t_hot", "t_half", "t_cold"};
    List<Object[]> reference = null;
    try (Session s = db.session()) {
      for (int i = 0; i < 3; i++) {
        String name = names[i];
        Supplier<List<Object[]>> q = () -> s.aggregate(name, filter, spec).rows();
        List<Object[]> answer = q.get();
        if (reference == null) {
          reference = answer;
        } else if (!sameAnswer(reference, answer)) {
          throw new IllegalStateException(what + ": " + name + " answers differently");
        }
        long[] t = new long[runs];
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          q.get();
          t[r] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        ms[i] = t[runs / 2] / 1e6;
      }
    }
    table.add(List.of(what), ms);
  }

  private static boolean sameAnswer(List<Object[]> a, List<Object[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    double x = 0;
    double y = 0;
    for (Object[] r : a) {
      for (Object v : r) {
        x += v instanceof Number n ? n.doubleValue() : 0;
      }
    }
    for (Object[] r : b) {
      for (Object v : r) {
        y += v instanceof Number n ? n.doubleValue() : 0;
      }
    }
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  }

  private static void load(Database db, String name, Workload w) {
    try (Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(name, w.schema()));
      for (ColumnBatch b : w.batches()) {
        s.insertBatch(name, b);
      }
    }
    db.runMaintenance();
  }

  private static void flagAll(Database db, String name, boolean aged) {
    try (Session s = db.session()) {
      s.update(name, null, Map.of(TableDefinition.DEFAULT_AGING_FLAG, aged));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

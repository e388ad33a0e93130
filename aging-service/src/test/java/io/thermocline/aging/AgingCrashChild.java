package io.thermocline.aging;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.recovery.wal.WalSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link AgingCrashTest}: opens the database with the aging extension attached (a
 * 1-second schedule on a hybrid table, small move batches), runs manual aging runs back to back on
 * a second thread, and on the main thread inserts, updates, deletes and flips aging flags (recalls
 * and manual aging) until the parent kills it. Content changes print {@code BEGIN <op> <id> <n|v>}
 * before and {@code ACK <cid> <op> <id> <n|v>} or {@code FAIL} after; a manual run prints {@code
 * RUN} before it starts, so the parent can aim a kill at a run.
 *
 * <p>Arguments: data directory, seed, first new id.
 */
public final class AgingCrashChild {
  static final String TABLE = "t";
  static final long DAY_MICROS = 86_400_000_000L;
  static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("v", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  private AgingCrashChild() {}

  /** The child's settings; the parent opens with the same, minus the extension. */
  static Config config() {
    return Config.defaults()
        .with(ColdSettings.ROW_GROUP_ROWS, 1024)
        .with(ColdSettings.PAGE_ROWS, 256)
        .with(EngineSettings.COLD_FILE_MIN_ROWS, 20)
        .with(WalSettings.SEGMENT_BYTES, 16L * 1024)
        .with(AgingSettings.BATCH_ROWS, 17)
        .with(AgingSettings.RECALL_HOLD_SECONDS, 3_600L);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    long nextId = Long.parseLong(args[2]);
    Database db = Thermocline.open(dir, config());
    Session s = db.session();
    if (db.tables().isEmpty()) {
      s.createTable(
          TableDefinition.hybrid(TABLE, SCHEMA)
              .withAgingRule(AgingRule.parse("ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY"))
              .withAgingSchedule("EVERY 1 SECOND"));
    }
    AgingService aging = AgingService.of(db).orElseThrow();
    List<Long> ids = new ArrayList<>();
    for (Object[] r : s.rows(TABLE, List.of("id"), null)) {
      ids.add((Long) r[0]);
    }
    System.out.println("OPEN " + db.lastCommitted() + " " + db.recoveryResolutions());
    Thread runs =
        new Thread(
            () -> {
              while (true) {
                System.out.println("RUN");
                AgingRun r = aging.runNowRecorded(TABLE);
                System.out.println(
                    "RAN "
                        + r.id()
                        + " "
                        + r.rowsToCold()
                        + " "
                        + r.rowsToHot()
                        + " "
                        + r.status());
              }
            },
            "manual-aging");
    runs.setDaemon(true);
    runs.start();
    while (true) {
      int op = random.nextInt(10);
      try {
        if (op < 4 || ids.size() < 10) {
          int n = 1 + random.nextInt(30);
          long now = System.currentTimeMillis() * 1_000L;
          List<Object[]> rows = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            long id = nextId + i;
            long ts = random.nextInt(3) == 0 ? now : now - 2 * DAY_MICROS - id;
            rows.add(new Object[] {id, id * 7, ts, false});
          }
          System.out.println("BEGIN INS " + nextId + " " + n);
          s.insertRows(TABLE, rows);
          System.out.println("ACK " + db.lastCommitted() + " INS " + nextId + " " + n);
          for (int i = 0; i < n; i++) {
            ids.add(nextId + i);
          }
          nextId += n;
        } else if (op < 6) {
          long id = ids.get(random.nextInt(ids.size()));
          long v = random.nextInt(1_000_000);
          System.out.println("BEGIN UPD " + id + " " + v);
          s.update(TABLE, Expr.eq("id", id), Map.of("v", v));
          System.out.println("ACK " + db.lastCommitted() + " UPD " + id + " " + v);
        } else if (op < 7) {
          int k = random.nextInt(ids.size());
          long id = ids.get(k);
          System.out.println("BEGIN DEL " + id + " 0");
          s.delete(TABLE, Expr.eq("id", id));
          System.out.println("ACK " + db.lastCommitted() + " DEL " + id + " 0");
          ids.set(k, ids.get(ids.size() - 1));
          ids.remove(ids.size() - 1);
        } else {
          // Recalls (flag cleared, often on cold rows) and manual aging of fresh rows.
          long from = ids.get(random.nextInt(ids.size()));
          s.update(TABLE, Expr.between("id", from, from + 10), Map.of("_aged", op == 9));
        }
      } catch (ThermoException e) {
        // A write-write conflict with a run that outlived the retries: the statement left no trace.
        System.out.println("FAIL " + e.code());
      }
    }
  }
}

package io.thermocline.engine.durability;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link EngineCrashTest}: opens the database, then inserts, updates, deletes,
 * flips aging flags, moves rows in both directions, checkpoints and takes online backups forever,
 * one autocommit at a time, until the parent kills it. Before each content change it prints {@code
 * BEGIN <op> <id> <v>}, after it {@code ACK <cid> <op> <id> <v>}; flag flips and moves do not
 * change the content (id -> v).
 *
 * <p>Arguments: data directory, seed, first new id.
 */
public final class EngineCrashChild {
  static final String TABLE = "t";
  static final LocalDateTime DAY = LocalDateTime.of(2024, 1, 1, 0, 0);
  static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("v", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  private EngineCrashChild() {}

  static Config config() {
    return Config.defaults()
        .with(io.thermocline.coldstore.ColdSettings.ROW_GROUP_ROWS, 1024)
        .with(io.thermocline.coldstore.ColdSettings.PAGE_ROWS, 256)
        .with(io.thermocline.engine.EngineSettings.COLD_FILE_MIN_ROWS, 20)
        .with(io.thermocline.recovery.wal.WalSettings.SEGMENT_BYTES, 16L * 1024)
        // Most commits then span several log records (and segments): a kill lands inside them.
        .with(io.thermocline.recovery.wal.WalSettings.COMMIT_CHUNK_BYTES, 512);
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    long nextId = Long.parseLong(args[2]);
    Database db = Thermocline.open(dir, config());
    Session s = db.session();
    if (db.tables().isEmpty()) {
      s.createTable(TableDefinition.hybrid(TABLE, SCHEMA));
    }
    List<Long> ids = new ArrayList<>();
    for (Object[] r : s.rows(TABLE, List.of("id"), null)) {
      ids.add((Long) r[0]);
    }
    System.out.println("OPEN " + db.lastCommitted() + " " + db.recoveryResolutions());
    while (true) {
      int op = random.nextInt(11);
      if (op < 4 || ids.size() < 10) {
        int n = 1 + random.nextInt(30);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          long id = nextId + i;
          rows.add(new Object[] {id, id * 7, DAY.plusSeconds(id), random.nextBoolean()});
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
      } else if (op < 8) {
        long from = ids.get(random.nextInt(ids.size()));
        s.update(TABLE, Expr.between("id", from, from + 20), Map.of("_aged", random.nextBoolean()));
      } else if (op == 10) {
        int pick = random.nextInt(8);
        if (pick < 2) {
          db.checkpoint();
        } else if (pick == 2) {
          // An online backup in the middle of the work; a kill may cut it short (INCOMPLETE).
          System.out.println("BACKUP START");
          var m = db.backups().create(null, "crash", null);
          System.out.println("BACKUP DONE " + m.id() + " " + m.commitId());
        }
      } else {
        MoveDirection d = op == 8 ? MoveDirection.TO_COLD : MoveDirection.TO_HOT;
        System.out.println("MOVE " + d); // lets the parent aim a kill at a cross-tier commit
        db.moveBatch(TABLE, d, 1 + random.nextInt(40));
      }
    }
  }
}

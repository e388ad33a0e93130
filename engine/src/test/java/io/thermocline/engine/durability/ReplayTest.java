package io.thermocline.engine.durability;

import static io.thermocline.engine.durability.DurabilityTestDb.contents;
import static io.thermocline.engine.durability.DurabilityTestDb.insert;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart replay folds the log into its net effect per table: ends of checkpoint rows and of rows
 * the log inserted itself, rows with NaN and -0.0, equal twin rows in a table without a key, ADD
 * COLUMN in the middle of the log, and a delete of most of a big table, which the previous replay
 * (one hot pass per ended row) could not finish; commit times stay monotonic across restarts.
 */
class ReplayTest {
  private static final String T = "readings";

  /** No key: equal rows may exist twice, and replay must end exactly as many as were ended. */
  private static final Schema NO_KEY =
      new Schema(DurabilityTestDb.READINGS.columns(), List.of(), "ts");

  @TempDir Path dir;

  @Test
  void endsOfCheckpointRowsAndLoggedRowsWithNaNAndTwinsReplayExactly() {
    List<String> before;
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, NO_KEY));
      insert(s, T, 0, 3_000, "a");
      insert(s, T, 0, 1_000, "a"); // twins of rows 0..999
      db.checkpoint();
      // Ends of checkpoint rows, both twins of each (two equal logged ends), NaN rows (id % 97 ==
      // 0) and -0.0 rows (id % 89 == 0) among them.
      s.delete(T, Expr.and(Expr.lt("id", 500L), Expr.eq("name", "a")));
      s.update(T, Expr.between("id", 1_000L, 1_999L), Map.of("name", "b"));
      insert(s, T, 5_000, 6_000, "c");
      s.delete(T, Expr.between("id", 5_000L, 5_499L)); // rows the log itself inserted
      s.update(T, Expr.between("id", 1_500L, 1_600L), Map.of("name", "d")); // a logged row again
      s.alterTable(T, new TableChange.AddColumn(Column.nullable("note", DataType.varchar(8))));
      s.update(T, Expr.between("id", 2_900L, 3_100L), Map.of("note", "late"));
      s.delete(T, Expr.between("id", 5_900L, 5_999L));
      before = contents(db, T);
      assertThat(before).hasSize(4_000 - 1_000 + 1_000 - 500 - 100);
    }
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config())) {
      assertThat(db.recoveryResolutions()).isEmpty();
      assertThat(contents(db, T)).isEqualTo(before);
    }
  }

  @Test
  void aDeleteOfMostOfABigTableReplaysInOnePass() {
    List<String> before;
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      insert(s, T, 0, 100_000, "ckpt");
      db.checkpoint();
      insert(s, T, 100_000, 200_000, "log");
      assertThat(s.delete(T, Expr.lt("id", 180_000L))).isEqualTo(180_000);
      before = contents(db, T);
    }
    long t0 = System.nanoTime();
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config())) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "reopen after a 180,000-row delete: %.2f s (%s)%n", seconds, db.restartTimings());
      assertThat(db.recoveryResolutions()).isEmpty();
      assertThat(contents(db, T)).isEqualTo(before).hasSize(20_000);
      assertThat(seconds).as("one pass, not one per row").isLessThan(30);
    }
  }

  @Test
  void commitTimesAreStampedAndNeverGoBackAcrossACheckpointAndARestart() {
    long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    long last;
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      for (int i = 0; i < 20; i++) {
        insert(s, T, i * 10L, i * 10L + 10, "t");
      }
      List<Long> times = new ArrayList<>();
      for (CommitLog.Logged l : db.commitLog().readFrom(1)) {
        times.add(l.record().commitTimeMicros());
      }
      assertThat(times)
          .hasSize(21)
          .isSorted()
          .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(nowMicros - 1_000_000));
      last = times.get(times.size() - 1);
      db.checkpoint();
    }
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      assertThat(db.commitLog().lastTimeMicros()).isGreaterThanOrEqualTo(last);
      insert(s, T, 1_000, 1_001, "after");
      List<CommitLog.Logged> tail = db.commitLog().readFrom(1);
      assertThat(tail.get(tail.size() - 1).record().commitTimeMicros())
          .isGreaterThanOrEqualTo(last);
    }
  }

  @Test
  void aVersion1CheckpointIsStillRead() throws Exception {
    long created;
    long cid;
    long lsn;
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config())) {
      db.session().createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      created = db.table(T).definition().createdCid();
      cid = db.lastCommitted();
      lsn = db.commitLog().acknowledgedLsn() + 1;
    }
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 1_000; i++) {
      rows.add(new Object[] {i, i % 2 == 0 ? null : "v1", i % 97 == 0 ? Double.NaN : i * 0.5, i});
    }
    java.nio.file.Files.createDirectories(HotCheckpoint.file(dir).getParent());
    io.thermocline.recovery.checkpoint.CheckpointFile.write(
        io.thermocline.common.io.LocalFileIO.INSTANCE,
        HotCheckpoint.file(dir).toString(),
        w -> {
          java.io.ByteArrayOutputStream meta = new java.io.ByteArrayOutputStream();
          try (java.io.DataOutputStream out = new java.io.DataOutputStream(meta)) {
            out.writeByte(HotCheckpoint.VERSION_START);
            out.writeLong(cid);
            out.writeLong(lsn);
            out.writeInt(1);
            CommitRecord.writeString(out, T);
            out.writeLong(created);
            out.writeInt(4);
          }
          w.section("meta", meta.toByteArray());
          try (java.io.DataOutputStream out =
              new java.io.DataOutputStream(w.openSection("hot/0"))) {
            CommitRecord.writeRows(out, rows, 4);
            out.writeInt(0);
          }
        });
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      assertThat(s.count(T, null)).isEqualTo(1_000);
      assertThat(s.count(T, Expr.eq("name", "v1"))).isEqualTo(500);
      s.delete(T, Expr.lt("id", 100L));
      db.checkpoint(); // rewritten in the current version
    }
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      assertThat(s.count(T, null)).isEqualTo(900);
      assertThat(db.recoveryResolutions()).isEmpty();
    }
  }
}

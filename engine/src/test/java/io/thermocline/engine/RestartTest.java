package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.Resolution;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.engine.table.TableStats;
import io.thermocline.recovery.wal.WalSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart keeps every committed hot row: inserts, updates, deletes, moves both ways, ADD COLUMN and
 * drop + re-create, replayed from the write-ahead log; a torn log tail loses only the commit whose
 * record it cut.
 */
class RestartTest {
  private static final String T = "orders";
  private static final LocalDateTime DAY = LocalDateTime.of(2024, 3, 1, 0, 0);

  @TempDir Path dir;

  private static List<String> contents(Database db, String table) {
    List<String> out = new ArrayList<>();
    try (Session s = db.session()) {
      for (Object[] r : s.rows(table, null, null)) {
        out.add(Arrays.toString(r));
      }
    }
    out.sort(null);
    return out;
  }

  private static void fill(Session s, long from, long to, boolean hybrid) {
    List<Object[]> rows = new ArrayList<>();
    for (long i = from; i < to; i++) {
      Object[] r = {i, i % 2 == 0 ? "emea" : "apac", BigDecimal.valueOf(i, 2), DAY.plusHours(i)};
      rows.add(hybrid ? new Object[] {r[0], r[1], r[2], r[3], i < 40} : r);
    }
    s.insertRows(T, rows);
  }

  @Test
  void aReopenedDatabaseHasEveryCommittedRowInBothTiers() {
    List<String> before;
    TableStats statsBefore;
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
      s.createTable(TableDefinition.hot("gone", EngineTestDb.ORDERS));
      fill(s, 0, 100, true);
      assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 1_000)).isEqualTo(40);
      s.delete(T, Expr.between("id", 10L, 19L)); // cold
      s.delete(T, Expr.between("id", 60L, 64L)); // hot
      s.update(T, Expr.between("id", 65L, 69L), Map.of("region", "upd"));
      s.update(T, Expr.between("id", 20L, 24L), Map.of("_aged", false)); // cold, to recall
      assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 3)).isEqualTo(3);
      s.alterTable(T, new TableChange.AddColumn(Column.nullable("note", DataType.varchar(16))));
      s.insert(T, 500L, "emea", new BigDecimal("1.00"), DAY, false, "after");
      s.update(T, Expr.eq("id", 70L), Map.of("note", "n70"));
      s.dropTable("gone");
      s.createTable(TableDefinition.hot("gone", EngineTestDb.ORDERS));
      s.insert("gone", 1L, "x", new BigDecimal("2.00"), DAY);
      db.runMaintenance(); // merges the hot delta: replay must not depend on it
      s.delete(T, Expr.eq("id", 71L));
      before = contents(db, T);
      statsBefore = db.tableStats(T);
      assertThat(contents(db, "gone")).hasSize(1);
    }
    try (Database db = EngineTestDb.open(dir)) {
      assertThat(contents(db, T)).isEqualTo(before);
      TableStats after = db.tableStats(T);
      assertThat(after.hotRows()).isEqualTo(statsBefore.hotRows());
      assertThat(after.coldRows()).isEqualTo(statsBefore.coldRows());
      assertThat(contents(db, "gone")).hasSize(1);
      assertThat(db.recoveryResolutions()).isEmpty();
      long last = db.lastCommitted();
      try (Session s = db.session()) {
        s.insert(T, 501L, "emea", new BigDecimal("1.00"), DAY, false, null);
      }
      assertThat(db.lastCommitted()).isEqualTo(last + 1);
    }
    try (Database db = EngineTestDb.open(dir)) {
      assertThat(contents(db, T)).hasSize(before.size() + 1);
    }
  }

  @Test
  void aCheckpointTakenWhileWritersGoOnPlusTheLogRestoreEveryRow() throws Exception {
    List<String> before;
    Config small = EngineTestDb.config().with(WalSettings.SEGMENT_BYTES, 4096L);
    try (Database db = Thermocline.open(dir, small);
        Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
      fill(s, 0, 100, true);
      db.moveBatch(T, MoveDirection.TO_COLD, 20);
      s.delete(T, Expr.between("id", 50L, 54L));
      Thread writer =
          new Thread(
              () -> {
                try (Session w = db.session()) {
                  for (long i = 1_000; i < 1_050; i++) {
                    w.insert(T, i, "w", BigDecimal.ONE, DAY, false);
                  }
                }
              });
      writer.start();
      long cid = db.checkpoint();
      writer.join();
      assertThat(cid).isGreaterThan(0);
      int segmentsBefore = segments().size();
      db.checkpoint();
      assertThat(segments().size()).as("the log is truncated").isLessThan(segmentsBefore);
      s.update(T, Expr.between("id", 60L, 64L), Map.of("region", "late"));
      s.delete(T, Expr.eq("id", 1_001L));
      db.moveBatch(T, MoveDirection.TO_COLD, 5);
      before = contents(db, T);
    }
    try (Database db = Thermocline.open(dir, small)) {
      assertThat(contents(db, T)).isEqualTo(before);
      assertThat(db.replayedCommits()).as("only commits after the checkpoint").isEqualTo(3);
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  @Test
  void aMoveWhoseCommitRecordWasLostIsUndoneInTheColdTier() throws IOException {
    List<String> beforeMove;
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
      fill(s, 0, 100, true);
      beforeMove = contents(db, T);
      assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 30)).isEqualTo(30);
      assertThat(db.tableStats(T).coldRows()).isEqualTo(30);
    }
    List<Path> all = segments();
    try (FileChannel ch = FileChannel.open(all.get(all.size() - 1), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 7); // the move's commit record; its intent stays
    }
    try (Database db = EngineTestDb.open(dir)) {
      assertThat(contents(db, T)).isEqualTo(beforeMove);
      assertThat(db.tableStats(T).coldRows()).isZero();
      assertThat(db.tableStats(T).hotRows()).isEqualTo(100);
      assertThat(db.recoveryResolutions())
          .extracting(Resolution::action)
          .containsExactly("TAIL_CUT", "UNDONE");
    }
  }

  @Test
  void aTornTailLosesOnlyTheCommitItCut() throws IOException {
    List<String> acknowledged;
    try (Database db = EngineTestDb.open(dir);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, EngineTestDb.ORDERS));
      fill(s, 0, 50, false);
      acknowledged = contents(db, T);
      fill(s, 50, 60, false);
    }
    List<Path> all = segments();
    Path segment = all.get(all.size() - 1);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 7); // the last record (rows 50..59) loses its end
    }
    try (Database db = EngineTestDb.open(dir)) {
      assertThat(contents(db, T)).isEqualTo(acknowledged);
      assertThat(db.recoveryResolutions())
          .extracting(Resolution::action)
          .containsExactly("TAIL_CUT");
    }
  }
}

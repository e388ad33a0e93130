package io.thermocline.engine.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.TableStats;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.hadoop.FaultInjectingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cold tier fails in the middle of a move (DESIGN.md section 3): the file write runs out of
 * disk half-way, the rename fails, or the metadata batch that would publish the move fails. The
 * move is rolled back in both tiers: every row is still visible exactly once, in the tier it was
 * in, no file is left behind, a reader's snapshot never notices, and the next move succeeds. While
 * the cold tier is down, hot-only work goes on and a transaction touching cold rows leaves no
 * trace.
 */
class ColdFailureDuringMoveTest extends FaultyColdTierTest {
  private static final int ROWS = 3_000;

  /** Where the cold tier fails. */
  enum Fault {
    /** The Parquet file's write runs out of disk in the middle of the file. */
    DISK_FULL_MID_FILE,
    /** The written file cannot be renamed into place. */
    RENAME,
    /** The RocksDB batch that registers the file (the move's commit point) fails. */
    METADATA_BATCH
  }

  @BeforeEach
  void open() throws IOException {
    openDatabase();
    session.createTable(TableDefinition.hybrid(T, SCHEMA));
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      rows.add(new Object[] {id, (id * 7919) % 100_003, T0 + id * 1_000_000L, id < 1_500});
    }
    session.insertRows(T, rows);
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 1_000)).isEqualTo(1_000);
    // 200 cold rows are recalled by their flag; they stay cold until a move.
    assertThat(session.update(T, Expr.lt("id", 200L), Map.of("_aged", false))).isEqualTo(200);
  }

  /** Everything observable: rows per tier, totals, ids, and the files of the cold root. */
  private record State(long hot, long cold, long count, long sum, Set<String> files) {}

  private State state() throws IOException {
    TableStats s = db.tableStats(T);
    long count = 0;
    long sum = 0;
    Set<Long> ids = new HashSet<>();
    try (BatchCursor c = session.scan(T, List.of("id", "v"), null)) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        for (int r = 0; r < b.rowCount(); r++) {
          assertThat(ids.add(((LongVector) b.column(0)).get(r)))
              .as("id %d seen twice", ((LongVector) b.column(0)).get(r))
              .isTrue();
          sum += ((LongVector) b.column(1)).get(r);
          count++;
        }
      }
    }
    assertThat(s.hotRows() + s.coldRows()).isEqualTo(count);
    return new State(s.hotRows(), s.coldRows(), count, sum, coldFiles());
  }

  private Set<String> coldFiles() throws IOException {
    Set<String> out = new TreeSet<>();
    Path root = dir.resolve("cold");
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()));
    }
    return out;
  }

  private void arm(Fault f) {
    switch (f) {
      case DISK_FULL_MID_FILE -> fs.diskFullAfter(200);
      case RENAME -> fs.fail(FaultInjectingFileSystem.Op.RENAME);
      case METADATA_BATCH -> failMetadata.set(true);
    }
  }

  private void heal() {
    fs.heal();
    failMetadata.set(false);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void aFailedMoveToColdRollsBackAndTheNextOneSucceeds(Fault fault) throws IOException {
    State before = state();
    try (Session readerSession = db.session();
        Transaction reader = readerSession.begin()) {
      long readerCount = reader.count(T, null);
      arm(fault);
      assertThatThrownBy(() -> db.moveBatch(T, MoveDirection.TO_COLD, 300))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE);
                assertThat(e.getMessage()).contains(T).contains("rolled back");
                assertThat(e.getCause()).isNotNull();
              });
      heal();
      assertThat(state()).usingRecursiveComparison().isEqualTo(before);
      assertThat(reader.count(T, null)).isEqualTo(readerCount);
    }
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 300)).isEqualTo(300);
    State after = state();
    assertThat(after.count()).isEqualTo(before.count());
    assertThat(after.sum()).isEqualTo(before.sum());
    assertThat(after.hot()).isEqualTo(before.hot() - 300);
    assertThat(after.cold()).isEqualTo(before.cold() + 300);
    assertThat(after.files()).hasSize(before.files().size() + 1);
  }

  @Test
  void aFailedMoveToHotRollsBackAndTheNextOneSucceeds() throws IOException {
    State before = state();
    failMetadata.set(true);
    assertThatThrownBy(() -> db.moveBatch(T, MoveDirection.TO_HOT, 150))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE));
    failMetadata.set(false);
    assertThat(state()).usingRecursiveComparison().isEqualTo(before);
    assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 150)).isEqualTo(150);
    assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 150)).isEqualTo(50);
    State after = state();
    assertThat(after.sum()).isEqualTo(before.sum());
    assertThat(after.hot()).isEqualTo(before.hot() + 200);
  }

  @Test
  void hotWorkGoesOnWhileTheColdTierFails() throws IOException {
    session.createTable(
        TableDefinition.hot("notes", Schema.of(Column.notNull("n", DataType.BIGINT))));
    State before = state();
    failMetadata.set(true);
    fs.diskFullAfter(0);
    session.insert("notes", 1L);
    session.insert(T, 10_000L, 1L, T0, false);
    try (Transaction tx = session.begin()) {
      // a hot row and a cold row (id 500 was moved) in one transaction
      tx.update(T, Expr.eq("id", 2_000L), Map.of("v", 0L));
      tx.update(T, Expr.eq("id", 500L), Map.of("v", 0L));
      assertThatThrownBy(tx::commit)
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE));
    }
    heal();
    assertThat(session.count("notes", null)).isEqualTo(1);
    State after = state();
    assertThat(after.count()).isEqualTo(before.count() + 1);
    assertThat(after.sum()).isEqualTo(before.sum() + 1);
    assertThat(session.rows(T, List.of("v"), Expr.eq("id", 2_000L)).get(0)[0])
        .as("the hot half of the failed transaction left no trace")
        .isEqualTo((2_000L * 7919) % 100_003);
  }

  @Test
  void repeatedFaultsNeverLoseOrDuplicateRows(TestInfo info) throws IOException {
    long seed = TestSeed.resolve("ColdFailureDuringMoveTest." + info.getDisplayName());
    Random rnd = new Random(seed);
    State base = state();
    State before = base;
    int failed = 0;
    int moved = 0;
    for (int i = 0; i < (TestSeed.longMode() ? 100 : 24); i++) {
      MoveDirection d = rnd.nextBoolean() ? MoveDirection.TO_COLD : MoveDirection.TO_HOT;
      if (rnd.nextInt(3) == 0) {
        // keep both directions supplied
        session.update(
            T,
            Expr.between("id", (long) rnd.nextInt(ROWS), (long) rnd.nextInt(ROWS) + 50),
            Map.of("_aged", d == MoveDirection.TO_COLD));
        before = state();
      }
      boolean inject = rnd.nextInt(2) == 0;
      if (inject) {
        arm(Fault.values()[rnd.nextInt(Fault.values().length)]);
      }
      int max = 1 + rnd.nextInt(200);
      long n;
      try {
        n = db.moveBatch(T, d, max);
        moved++;
      } catch (ThermoException e) {
        assertThat(e.code())
            .as("[seed=%d] step %d", seed, i)
            .isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE);
        n = -1;
        failed++;
      }
      heal();
      State after = state();
      assertThat(after.count()).as("[seed=%d] step %d count", seed, i).isEqualTo(base.count());
      assertThat(after.sum()).as("[seed=%d] step %d sum", seed, i).isEqualTo(base.sum());
      long expectHot = n < 0 ? before.hot() : before.hot() + (d == MoveDirection.TO_HOT ? n : -n);
      assertThat(after.hot()).as("[seed=%d] step %d hot rows", seed, i).isEqualTo(expectHot);
      before = after;
    }
    System.out.printf("[seed=%d] %d moves succeeded, %d failed%n", seed, moved, failed);
  }
}

package io.thermocline.engine.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.TableStats;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.hadoop.FaultInjectingFileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Flag-and-move ({@link Database#moveBatch(String, MoveDirection, int, Expr)}): rows a filter
 * selects move to cold with their flag TRUE in one commit, together with rows already flagged; no
 * row is seen twice or lost by a concurrent reader, a cold failure rolls the batch back, and a
 * restart replays the move (the log holds the hot rows as they were).
 */
class FlagAndMoveTest extends FaultyColdTierTest {
  private static final int ROWS = 4_000;

  private long totalSum;

  @BeforeEach
  void open() throws IOException {
    openDatabase();
    session.createTable(TableDefinition.hybrid(T, SCHEMA));
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      long v = (id * 7919) % 100_003;
      totalSum += v;
      // ids 3,000..3,099 are flagged already (say, by a user); the rest wait for the rule.
      rows.add(new Object[] {id, v, T0 + id * 1_000_000L, id >= 3_000 && id < 3_100});
    }
    session.insertRows(T, rows);
  }

  /** The aging rule of the test: unflagged rows older than id 1,000's timestamp. */
  private static Expr rule() {
    return Expr.and(Expr.eq("_aged", false), Expr.lt("ts", T0 + 1_000 * 1_000_000L));
  }

  private long sum(Expr filter) {
    Object v =
        session
            .aggregate(T, filter, AggregateSpec.of(List.of(), AggregateCall.sum("v")))
            .rows()
            .get(0)[0];
    return v == null ? 0 : ((Number) v).longValue();
  }

  private void assertFlagsMatchTiers(String when) {
    TableStats st = db.tableStats(T);
    assertThat(coldRows(Expr.eq("_aged", false))).as(when + ": unflagged cold rows").isZero();
    assertThat(coldRows(Expr.eq("_aged", true))).as(when).isEqualTo(st.coldRows());
    // Rows flagged but not yet moved are the only flagged hot rows.
    assertThat(session.count(T, Expr.eq("_aged", false)))
        .as(when)
        .isEqualTo(st.hotRows() - hotRows(Expr.eq("_aged", true)));
    assertThat(st.hotRows() + st.coldRows()).as(when).isEqualTo(ROWS);
    assertThat(sum(null)).as(when).isEqualTo(totalSum);
  }

  @Test
  void ruleSelectedAndFlaggedRowsMoveWithTheirFlagSetInOneCommit() {
    long before = db.lastCommitted();
    long moved = 0;
    for (long n = db.moveBatch(T, MoveDirection.TO_COLD, 300, rule());
        n > 0;
        n = db.moveBatch(T, MoveDirection.TO_COLD, 300, rule())) {
      moved += n;
      assertFlagsMatchTiers("after " + moved + " rows");
    }
    assertThat(moved).isEqualTo(1_100);
    // 300 + 300 + 300 + 200 moved, one commit each; the empty last call commits nothing.
    assertThat(db.lastCommitted() - before).isEqualTo(4);
    assertThat(db.tableStats(T).coldRows()).isEqualTo(1_100);
    assertThat(session.count(T, Expr.and(Expr.eq("_aged", true), Expr.lt("id", 1_000L))))
        .isEqualTo(1_000);
    assertThat(session.count(T, Expr.between("id", 3_000L, 3_099L))).isEqualTo(100);
    assertThat(session.count(T, Expr.and(Expr.eq("_aged", false), Expr.ge("id", 1_000L))))
        .isEqualTo(ROWS - 1_100);
    assertThat(sum(Expr.lt("id", 1_000L))).isEqualTo(sumOfIdsBelow(1_000));
  }

  @Test
  void aMoveWithoutFilterStillTakesOnlyFlaggedRows() {
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 1_000, null)).isEqualTo(100);
    assertFlagsMatchTiers("after a move without filter");
  }

  @Test
  void aFilterIsRefusedForAMoveToHot() {
    assertThatThrownBy(() -> db.moveBatch(T, MoveDirection.TO_HOT, 10, rule()))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains(T);
            });
  }

  @Test
  void aConcurrentReaderSeesEveryRowExactlyOnce(TestInfo info) throws Exception {
    long seed = TestSeed.resolve("FlagAndMoveTest." + info.getDisplayName());
    Random rnd = new Random(seed);
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Integer> reader =
        CompletableFuture.supplyAsync(
            () -> {
              int reads = 0;
              try (Session s = db.session()) {
                while (!done.get() || reads == 0) {
                  try (Transaction tx = s.begin()) {
                    long count = tx.count(T, null);
                    Object[] row =
                        tx.aggregate(T, null, AggregateSpec.of(List.of(), AggregateCall.sum("v")))
                            .rows()
                            .get(0);
                    assertThat(count).as("[seed=%d] count at read %d", seed, reads).isEqualTo(ROWS);
                    assertThat(((Number) row[0]).longValue())
                        .as("[seed=%d] sum at read %d", seed, reads)
                        .isEqualTo(totalSum);
                    reads++;
                  }
                }
              }
              return reads;
            });
    long moved = 0;
    try {
      for (int i = 0; i < 40; i++) {
        long cutoff = T0 + (long) rnd.nextInt(ROWS) * 1_000_000L;
        Expr r = Expr.and(Expr.eq("_aged", false), Expr.lt("ts", cutoff));
        moved += db.moveBatch(T, MoveDirection.TO_COLD, 1 + rnd.nextInt(250), r);
      }
    } finally {
      done.set(true);
    }
    int reads = reader.get(30, TimeUnit.SECONDS);
    System.out.printf("[seed=%d] %d rows moved under %d concurrent reads%n", seed, moved, reads);
    assertFlagsMatchTiers("[seed=" + seed + "] at the end");
  }

  @Test
  void aColdFailureRollsTheFlagAndTheMoveBack() {
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 200, rule())).isEqualTo(200);
    TableStats before = db.tableStats(T);
    long flagged = session.count(T, Expr.eq("_aged", true));
    for (int fault = 0; fault < 3; fault++) {
      switch (fault) {
        case 0 -> fs.diskFullAfter(200);
        case 1 -> fs.fail(FaultInjectingFileSystem.Op.RENAME);
        default -> failMetadata.set(true);
      }
      assertThatThrownBy(() -> db.moveBatch(T, MoveDirection.TO_COLD, 300, rule()))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE);
                assertThat(e.getMessage()).contains(T).contains("rolled back");
              });
      fs.heal();
      failMetadata.set(false);
      TableStats after = db.tableStats(T);
      assertThat(after.hotRows()).as("fault %d", fault).isEqualTo(before.hotRows());
      assertThat(after.coldRows()).as("fault %d", fault).isEqualTo(before.coldRows());
      assertThat(session.count(T, Expr.eq("_aged", true))).as("fault %d", fault).isEqualTo(flagged);
      assertFlagsMatchTiers("after fault " + fault);
    }
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 300, rule())).isEqualTo(300);
    assertFlagsMatchTiers("after the healed move");
  }

  @Test
  void aRestartReplaysTheFlagAndTheMove() throws IOException {
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 700, rule())).isEqualTo(700);
    session.close();
    db.close();
    openDatabase();
    assertThat(db.tableStats(T).coldRows()).isEqualTo(700);
    assertFlagsMatchTiers("after restart");
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 1_000, rule())).isEqualTo(400);
    assertFlagsMatchTiers("after a move following the restart");
  }

  private long coldRows(Expr filter) {
    return rows(db.table(T).scanCold(ScanRequest.at(db.lastCommitted()).withFilter(filter)));
  }

  private long hotRows(Expr filter) {
    return rows(db.table(T).scanHot(ScanRequest.at(db.lastCommitted()).withFilter(filter)));
  }

  private static long rows(BatchCursor c) {
    long n = 0;
    try (c) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        n += b.rowCount();
      }
    }
    return n;
  }

  private static long sumOfIdsBelow(long n) {
    long s = 0;
    for (long id = 0; id < n; id++) {
      s += (id * 7919) % 100_003;
    }
    return s;
  }
}

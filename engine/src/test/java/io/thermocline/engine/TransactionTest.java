package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.engine.table.TableStats;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions over a hybrid table whose rows live in both tiers: snapshot isolation, reading own
 * writes, first committer wins, primary keys unique across the tiers, rollback and failed commits
 * leaving no trace, updates of cold rows staying cold, and aggregates merged from both tiers.
 */
class TransactionTest {
  private static final String T = "orders";
  private static final LocalDateTime DAY = LocalDateTime.of(2024, 3, 1, 0, 0);

  @TempDir Path dir;
  private Database db;
  private Session s;

  /** 100 orders, ids 0..99; ids 0..39 moved to the cold tier. */
  @BeforeEach
  void open() {
    db = EngineTestDb.open(dir);
    s = db.session();
    s.createTable(TableDefinition.hybrid(T, EngineTestDb.ORDERS));
    List<Object[]> rows = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      rows.add(new Object[] {i, i % 2 == 0 ? "emea" : "apac", amount(i), DAY.plusHours(i), i < 40});
    }
    s.insertRows(T, rows);
    assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 1_000)).isEqualTo(40);
  }

  @AfterEach
  void close() {
    s.close();
    db.close();
  }

  private static BigDecimal amount(long id) {
    return BigDecimal.valueOf(id * 100 + 25, 2);
  }

  private long sumAmountCents(Transaction tx) {
    Object v =
        tx.aggregate(T, null, AggregateSpec.of(List.of(), AggregateCall.sum("amount")))
            .rows()
            .get(0)[0];
    return v == null ? 0 : (Long) v;
  }

  @Test
  void aSnapshotKeepsItsRowsWhileOthersCommitMoveAndMaintain() {
    try (Session other = db.session();
        Transaction reader = other.begin()) {
      long sum = sumAmountCents(reader);
      s.delete(T, Expr.between("id", 10L, 19L)); // cold rows
      s.delete(T, Expr.between("id", 60L, 69L)); // hot rows
      s.insert(T, 500L, "emea", new BigDecimal("1.00"), DAY, false);
      s.update(T, Expr.ge("id", 70L), Map.of("_aged", true));
      db.moveBatch(T, MoveDirection.TO_COLD, 1_000);
      db.runMaintenance();
      assertThat(reader.count(T, null)).isEqualTo(100);
      assertThat(sumAmountCents(reader)).isEqualTo(sum);
      assertThat(reader.rows(T, List.of("id"), Expr.eq("id", 500L))).isEmpty();
      assertThat(db.oldestLiveSnapshot()).isEqualTo(reader.snapshot());
    }
    assertThat(s.count(T, null)).isEqualTo(81);
    assertThat(db.oldestLiveSnapshot()).isEqualTo(db.lastCommitted());
    TableStats stats = db.tableStats(T);
    assertThat(stats.coldRows()).as("30 old, 70..99 and 500 aged").isEqualTo(30 + 30 + 1);
    assertThat(stats.hotRows()).isEqualTo(20);
  }

  @Test
  void aTransactionReadsItsOwnWritesAndOthersDoNot() {
    try (Transaction tx = s.begin()) {
      tx.insert(T, 200L, "emea", new BigDecimal("2.00"), DAY, false);
      tx.insert(T, 201L, "amer", new BigDecimal("3.00"), DAY, false);
      assertThat(tx.delete(T, Expr.in("id", 5L, 50L, 201L))).isEqualTo(3);
      assertThat(tx.update(T, Expr.in("id", 6L, 60L, 200L), Map.of("region", "amer"))).isEqualTo(3);
      assertThat(tx.count(T, null)).isEqualTo(100 + 2 - 3);
      assertThat(tx.count(T, Expr.eq("region", "amer"))).isEqualTo(3);
      List<Object[]> byRegion =
          tx.aggregate(
                  T,
                  null,
                  AggregateSpec.of(List.of(GroupKey.column("region")), AggregateCall.countStar()))
              .rows();
      long total = 0;
      for (Object[] r : byRegion) {
        total += (Long) r[1];
      }
      assertThat(total).isEqualTo(99);
      assertThat(tx.rows(T, List.of("id", "region"), Expr.eq("id", 6L)))
          .singleElement()
          .satisfies(r -> assertThat(r).containsExactly(6L, "amer"));
      try (Session other = db.session()) {
        assertThat(other.count(T, null)).isEqualTo(100);
        assertThat(other.count(T, Expr.eq("region", "amer"))).isZero();
      }
      tx.commit();
    }
    assertThat(s.count(T, null)).isEqualTo(99);
    assertThat(s.count(T, Expr.eq("region", "amer"))).isEqualTo(3);
    assertThat(s.rows(T, List.of("id"), Expr.eq("id", 201L))).isEmpty();
  }

  @Test
  void theFirstCommitterWins() {
    try (Session a = db.session();
        Session b = db.session()) {
      Transaction ta = a.begin();
      Transaction tb = b.begin();
      ta.update(T, Expr.eq("id", 3L), Map.of("region", "A")); // a cold row
      tb.update(T, Expr.eq("id", 3L), Map.of("region", "B"));
      tb.insert(T, 300L, "x", null, DAY, false);
      ta.commit();
      assertThatThrownBy(tb::commit)
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION_FAILURE));
      assertThat(s.rows(T, List.of("region"), Expr.eq("id", 3L)).get(0)[0]).isEqualTo("A");
      assertThat(s.count(T, Expr.eq("id", 300L))).as("the loser left no trace").isZero();
      // A delete conflicts with a move of the same row too.
      s.update(T, Expr.eq("id", 80L), Map.of("_aged", true));
      Transaction tc = a.begin();
      tc.delete(T, Expr.eq("id", 80L));
      db.moveBatch(T, MoveDirection.TO_COLD, 10);
      assertThatThrownBy(tc::commit)
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION_FAILURE));
      assertThat(s.count(T, Expr.eq("id", 80L))).isEqualTo(1);
    }
  }

  @Test
  void primaryKeysAreUniqueAcrossBothTiers() {
    assertThatThrownBy(() -> s.insert(T, 7L, "emea", null, DAY, false)) // id 7 is cold
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY);
              assertThat(e.getMessage()).contains("(id)=(7)").contains(T);
            });
    assertThatThrownBy(() -> s.insert(T, 77L, "emea", null, DAY, false)) // id 77 is hot
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    assertThatThrownBy(
            () ->
                s.insertRows(
                    T,
                    List.of(
                        new Object[] {400L, "a", null, DAY}, new Object[] {400L, "b", null, DAY})))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    assertThatThrownBy(() -> s.update(T, Expr.eq("id", 8L), Map.of("id", 9L)))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    // Deleting a key and inserting it again in one transaction is fine, in either tier.
    try (Transaction tx = s.begin()) {
      tx.delete(T, Expr.in("id", 7L, 77L));
      tx.insert(T, 7L, "new", null, DAY, false);
      tx.insert(T, 77L, "new", null, DAY, false);
      tx.commit();
    }
    assertThat(s.count(T, Expr.eq("region", "new"))).isEqualTo(2);
    assertThat(s.update(T, Expr.eq("id", 8L), Map.of("id", 1_008L))).isEqualTo(1);
    s.insert(T, 8L, "again", null, DAY, false);
    assertThat(s.count(T, null)).isEqualTo(101);
  }

  @Test
  void rollbackAndFailedCommitsLeaveNoTrace() {
    s.createTable(TableDefinition.cold("archive", EngineTestDb.ORDERS));
    s.insert("archive", 1L, "emea", null, DAY);
    TableStats ordersBefore = db.tableStats(T);
    TableStats archiveBefore = db.tableStats("archive");
    try (Transaction tx = s.begin()) {
      tx.delete(T, Expr.lt("id", 50L));
      tx.insert("archive", 2L, "emea", null, DAY);
      tx.rollback();
    }
    try (Transaction tx = s.begin()) {
      tx.delete(T, Expr.lt("id", 50L)); // ends rows in both tiers at commit
      tx.update(T, Expr.eq("id", 60L), Map.of("region", "zz"));
      tx.insert("archive", 3L, "emea", null, DAY); // cold delta write
      tx.insert("archive", 1L, "dup", null, DAY); // duplicate: the commit fails after the above
      assertThatThrownBy(tx::commit)
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
    }
    // Visible rows and the cold tier's metadata are as before; the hot delta keeps the aborted
    // versions physically (invisible at every snapshot) until a merge drops them.
    String[] logical = {
      "hotRows", "coldRows", "coldFiles", "coldFileRows", "coldDeltaRows", "coldTombstones"
    };
    assertThat(db.tableStats(T))
        .usingRecursiveComparison()
        .comparingOnlyFields(logical)
        .isEqualTo(ordersBefore);
    assertThat(db.tableStats("archive"))
        .usingRecursiveComparison()
        .comparingOnlyFields(logical)
        .isEqualTo(archiveBefore);
    assertThat(s.count(T, Expr.eq("region", "zz"))).isZero();
    // The rows the failed commit had ended are plainly live: deleting them now works.
    assertThat(s.delete(T, Expr.lt("id", 50L))).isEqualTo(50);
  }

  @Test
  void updatedColdRowsStayColdUntilAMoveRecallsThem() {
    assertThat(s.update(T, Expr.lt("id", 10L), Map.of("_aged", false))).isEqualTo(10);
    assertThat(db.tableStats(T).coldRows()).isEqualTo(40);
    assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 4)).isEqualTo(4);
    assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 100)).isEqualTo(6);
    assertThat(db.moveBatch(T, MoveDirection.TO_HOT, 100)).isZero();
    TableStats stats = db.tableStats(T);
    assertThat(stats.coldRows()).isEqualTo(30);
    assertThat(stats.hotRows()).isEqualTo(70);
    assertThat(s.count(T, Expr.eq("_aged", false))).isEqualTo(70);
  }

  @Test
  void aggregatesMergeThePartialsOfBothTiers() {
    List<Object[]> rows =
        s.aggregate(
                T,
                Expr.ge("created_at", DAY.plusHours(30)),
                AggregateSpec.of(
                    List.of(GroupKey.column("region")),
                    AggregateCall.countStar(),
                    AggregateCall.sum("amount"),
                    AggregateCall.min("id"),
                    AggregateCall.max("id"),
                    AggregateCall.avg("id")))
            .rows();
    assertThat(rows).hasSize(2);
    for (Object[] r : rows) {
      boolean even = r[0].equals("emea");
      long count = 0;
      long sum = 0;
      long idSum = 0;
      for (long i = 30; i < 100; i++) {
        if ((i % 2 == 0) == even) {
          count++;
          sum += i * 100 + 25;
          idSum += i;
        }
      }
      assertThat(r)
          .containsExactly(
              r[0], count, sum, even ? 30L : 31L, even ? 98L : 99L, (double) idSum / count);
    }
    // Outside the hot tier's time range only the cold tier answers.
    assertThat(s.count(T, Expr.lt("created_at", DAY.plusHours(20)))).isEqualTo(20);
  }

  @Test
  void aFinishedTransactionRefusesWork() {
    Transaction tx = s.begin();
    assertThatThrownBy(() -> s.insert(T, 1_000L, "x", null, DAY, false))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("open transaction");
    tx.commit();
    assertThatThrownBy(() -> tx.count(T, null))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_CLOSED));
    assertThat(s.insert(T, 1_000L, "x", null, DAY, false)).isEqualTo(1);
  }
}

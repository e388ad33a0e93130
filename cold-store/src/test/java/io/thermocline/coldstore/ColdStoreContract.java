package io.thermocline.coldstore;

import static io.thermocline.coldstore.ColdTestData.filesUnder;
import static io.thermocline.coldstore.ColdTestData.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.model.ReferenceTable;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomRows;
import io.thermocline.testkit.scan.RowAssert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cold store must do on any file system: round trips, snapshot visibility, compaction that
 * keeps snapshots intact and deletes only unneeded files, statistics answers, partitions, reopening
 * with the orphan sweep, conflicts, schema growth, drop, the catalog and closing. Runs on the local
 * disk and on HDFS through subclasses.
 */
abstract class ColdStoreContract {
  @TempDir Path local;

  /** Options for a store whose RocksDB lives in {@code localDir}; a fresh root per call. */
  protected abstract ColdStoreOptions options(Path localDir);

  protected ColdStore open() {
    return ColdStore.open(options(local).withConfig(ColdTierFixture.smallFiles()));
  }

  private static Schema schema() {
    return ConformanceSchema.schema();
  }

  private long seed(TestInfo info) {
    return TestSeed.resolve(getClass().getSimpleName() + "." + info.getDisplayName());
  }

  /** Writes {@code rows} as one file of {@code t} at commit {@code cid}, and into the reference. */
  private static void writeFile(ColdTable t, ReferenceTable ref, long cid, List<Object[]> rows) {
    t.writeFile(cid, ColdTestData.batch(t, rows));
    ref.insert(cid, rows);
  }

  /**
   * Inserts {@code rows} into the cold delta of {@code t} at commit {@code cid}, and the reference.
   */
  private static void insertDelta(ColdTable t, ReferenceTable ref, long cid, List<Object[]> rows) {
    t.insertDelta(cid, rows);
    ref.insert(cid, rows);
  }

  @Test
  void filesDeltaAndTombstonesGiveEachSnapshotItsRows(TestInfo info) {
    long seed = seed(info);
    RandomRows gen = new RandomRows(new Random(seed), 1);
    ReferenceTable ref = new ReferenceTable(schema());
    try (ColdStore store = open()) {
      ColdTable t = store.table("orders", schema());
      writeFile(t, ref, 5, gen.rows(900));
      insertDelta(t, ref, 7, gen.rows(40));
      Expr filter =
          Expr.or(Expr.lt(ConformanceSchema.QTY, 0), Expr.isNull(ConformanceSchema.RATIO));
      assertThat(t.endRows(9, 8, filter)).isEqualTo(ref.delete(9, 8, filter));
      for (long s = 4; s <= 10; s++) {
        RowAssert.assertSameRows(
            "[seed=" + seed + "] snapshot " + s, ref.scan(ScanRequest.at(s)), scan(t, s));
      }
      ColdTableStats stats = t.stats();
      assertThat(stats.liveFiles()).isEqualTo(1);
      assertThat(stats.deltaRows()).isEqualTo(40);
      assertThat(stats.tombstones()).isPositive();
    }
  }

  @Test
  void compactionKeepsSnapshotsAndDeletesRetiredFilesOnlyWhenUnneeded(TestInfo info) {
    long seed = seed(info);
    RandomRows gen = new RandomRows(new Random(seed), 1);
    ReferenceTable ref = new ReferenceTable(schema());
    try (ColdStore store = open()) {
      ColdTable t = store.table("events", schema());
      for (long cid = 1; cid <= 4; cid++) {
        writeFile(t, ref, cid, gen.rows(120));
      }
      insertDelta(t, ref, 5, gen.rows(10));
      Expr even = Expr.lt(ConformanceSchema.ID, 200L);
      assertThat(t.endRows(6, 5, even)).isEqualTo(ref.delete(6, 5, even));
      Expr later = Expr.gt(ConformanceSchema.ID, 400L);
      assertThat(t.endRows(8, 7, later)).isEqualTo(ref.delete(8, 7, later));

      // Oldest live snapshot 7: folds what is settled by 7, keeps the delete at 8 as a tombstone.
      BatchCursor open = t.scan(ScanRequest.at(7).withBatchSize(16));
      List<Object[]> seenAt7 = new ArrayList<>(open.next().rows());
      CompactionResult r = t.compact(7);
      assertThat(r.filesWritten()).isEqualTo(1);
      assertThat(r.filesRetired()).isEqualTo(4);
      assertThat(r.filesDeleted()).as("an open scan pins the retired files").isZero();
      seenAt7.addAll(RowAssert.drain(open, "open scan across compaction"));
      RowAssert.assertSameRows("open scan at 7", ref.scan(ScanRequest.at(7)), seenAt7);
      for (long s = 7; s <= 9; s++) {
        RowAssert.assertSameRows(
            "[seed=" + seed + "] after compaction, snapshot " + s,
            ref.scan(ScanRequest.at(s)),
            scan(t, s));
      }
      assertThat(t.horizon()).isBetween(6L, 7L);
      assertThatThrownBy(() -> scan(t, 3))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD));

      ColdTableStats stats = t.stats();
      assertThat(stats.liveFiles()).isEqualTo(1);
      assertThat(stats.retiredFiles()).isEqualTo(4);
      assertThat(stats.deltaRows()).isZero();
      assertThat(filesUnder(store)).hasSize(5);

      // The scan is closed now. At 9 the delete of 8 is settled too: the compacted file is
      // rewritten without those rows, and it and the four older files are deleted.
      CompactionResult again = t.compact(9);
      assertThat(again.filesRetired()).isEqualTo(1);
      assertThat(again.filesDeleted()).isEqualTo(5);
      assertThat(filesUnder(store)).hasSize(1);
      assertThat(t.stats().tombstones()).isZero();
      RowAssert.assertSameRows("after deletion", ref.scan(ScanRequest.at(9)), scan(t, 9));
    }
  }

  @Test
  void countMinMaxOfWholeFilesComeFromManifestStatistics(TestInfo info) throws Exception {
    long seed = seed(info);
    RandomRows gen = new RandomRows(new Random(seed), 1);
    ReferenceTable ref = new ReferenceTable(schema());
    AggregateSpec spec =
        AggregateSpec.of(
            List.of(),
            AggregateCall.countStar(),
            AggregateCall.count(ConformanceSchema.QTY),
            AggregateCall.min(ConformanceSchema.TS),
            AggregateCall.max(ConformanceSchema.LABEL),
            AggregateCall.min(ConformanceSchema.RATIO));
    try (ColdStore store = open()) {
      ColdTable t = store.table("stats", schema());
      writeFile(t, ref, 1, gen.rows(500));
      List<Object[]> expected = ref.aggregate(ScanRequest.at(1), spec).rows();
      RowAssert.assertSameAggregates(
          "stats", spec, expected, t.aggregate(ScanRequest.at(1), spec).rows());
      // Destroy the data pages but keep the file's length: only statistics can still answer.
      String file = filesUnder(store).iterator().next();
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(store.root().toString(), file);
      FileSystem fs = store.fileSystem();
      byte[] bytes = new byte[(int) fs.getFileStatus(p).getLen()];
      try (var in = fs.open(p)) {
        in.readFully(0, bytes);
      }
      for (int i = 4; i < 200; i++) {
        bytes[i] ^= 0x5A;
      }
      try (FSDataOutputStream out = fs.create(p, true)) {
        out.write(bytes);
      }
      RowAssert.assertSameAggregates(
          "stats after page damage", spec, expected, t.aggregate(ScanRequest.at(1), spec).rows());
      assertThatThrownBy(() -> scan(t, 1))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE);
                assertThat(e.getMessage()).contains(file);
              });
    }
  }

  @Test
  void monthPartitionsGetTheirOwnDirectoriesAndCompactSeparately(TestInfo info) {
    long seed = seed(info);
    Random random = new Random(seed);
    Schema schema =
        Schema.of(
                Column.notNull("ts", DataType.TIMESTAMP),
                Column.nullable("v", DataType.DOUBLE),
                Column.nullable("tag", DataType.varchar(8)))
            .withTimeColumn("ts");
    ReferenceTable ref = new ReferenceTable(schema);
    long jan = 1_704_067_200_000_000L; // 2024-01-01T00:00Z
    long day = 86_400_000_000L;
    try (ColdStore store = open()) {
      ColdTable t = store.table("readings", schema, ColdPartitioning.MONTH);
      for (long cid = 1; cid <= 3; cid++) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          long ts = jan + (long) (random.nextDouble() * 90 * day);
          rows.add(new Object[] {ts, random.nextGaussian(), "t" + random.nextInt(4)});
        }
        if (cid == 2) {
          insertDelta(t, ref, cid, rows);
        } else {
          writeFile(t, ref, cid, rows);
        }
      }
      Set<String> files = filesUnder(store);
      assertThat(files)
          .anyMatch(f -> f.contains("/p2024-01/"))
          .anyMatch(f -> f.contains("/p2024-03/"));
      Expr feb = Expr.between("ts", jan + 31 * day, jan + 59 * day);
      RowAssert.assertSameRows(
          "february",
          ref.scan(ScanRequest.at(3).withFilter(feb)),
          RowAssert.drain(t.scan(ScanRequest.at(3).withFilter(feb)), "february"));
      t.compact(3);
      RowAssert.assertSameRows("after compaction", ref.scan(ScanRequest.at(3)), scan(t, 3));
      assertThat(t.stats().liveFiles()).isEqualTo(3);
    }
  }

  @Test
  void reopeningKeepsTablesAndSweepsOrphans(TestInfo info) throws Exception {
    long seed = seed(info);
    RandomRows gen = new RandomRows(new Random(seed), 1);
    ReferenceTable ref = new ReferenceTable(schema());
    ColdStoreOptions options = options(local).withConfig(ColdTierFixture.smallFiles());
    Set<String> before;
    String orphan;
    try (ColdStore store = ColdStore.open(options)) {
      ColdTable t = store.table("kept", schema());
      writeFile(t, ref, 1, gen.rows(300));
      insertDelta(t, ref, 2, gen.rows(5));
      before = filesUnder(store);
      orphan = before.iterator().next().replaceAll("f[0-9]+\\.parquet$", "_f999.parquet.tmp");
      try (FSDataOutputStream out =
          store
              .fileSystem()
              .create(new org.apache.hadoop.fs.Path(store.root().toString(), orphan))) {
        out.write("half a file".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(filesUnder(store)).contains(orphan);
    }
    try (ColdStore store = ColdStore.open(options)) {
      assertThat(filesUnder(store)).isEqualTo(before);
      ColdTable t = store.table("kept");
      RowAssert.assertSameRows("reopened", ref.scan(ScanRequest.at(2)), scan(t, 2));
      writeFile(t, ref, 3, gen.rows(50));
      RowAssert.assertSameRows("written after reopen", ref.scan(ScanRequest.at(3)), scan(t, 3));
    }
  }

  @Test
  void endingARowEndedByALaterCommitIsAConflict(TestInfo info) {
    RandomRows gen = new RandomRows(new Random(seed(info)), 1);
    try (ColdStore store = open()) {
      ColdTable t = store.table("conflicts", schema());
      t.writeFile(1, ColdTestData.batch(t, gen.rows(100)));
      t.insertDelta(2, gen.rows(3));
      assertThat(t.endRows(4, 3, Expr.eq(ConformanceSchema.ID, 7L))).isEqualTo(1);
      assertThatThrownBy(() -> t.endRows(5, 3, Expr.le(ConformanceSchema.ID, 10L)))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION_FAILURE));
      assertThat(t.endRows(5, 4, Expr.eq(ConformanceSchema.ID, 101L))).isEqualTo(1);
      assertThatThrownBy(() -> t.endRows(6, 4, Expr.eq(ConformanceSchema.ID, 101L)))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION_FAILURE));
      assertThat(scan(t, 5)).hasSize(101);
      List<ColumnBatch> moved = t.endRowsReturning(6, 5, Expr.eq(ConformanceSchema.ID, 1L));
      assertThat(moved).hasSize(1);
      assertThat(moved.get(0).row(0)[0]).isEqualTo(1L);
    }
  }

  @Test
  void appendedColumnsReadAsNullFromOlderFiles(TestInfo info) {
    RandomRows gen = new RandomRows(new Random(seed(info)), 1);
    try (ColdStore store = open()) {
      ColdTable t = store.table("growing", schema());
      t.writeFile(1, ColdTestData.batch(t, gen.rows(20)));
      t.insertDelta(2, gen.rows(2));
      Schema wider = schema().withColumn(Column.nullable("note", DataType.varchar(10)));
      ColdTable same = store.table("growing", wider);
      assertThat(same).isSameAs(t);
      List<Object[]> rows = scan(t, 2);
      assertThat(rows)
          .hasSize(22)
          .allSatisfy(r -> assertThat(r).hasSize(12).endsWith((Object) null));
      assertThat(RowAssert.drain(t.scan(ScanRequest.at(2).withFilter(Expr.isNull("note"))), "note"))
          .hasSize(22);
      assertThatThrownBy(
              () -> store.table("growing", Schema.of(Column.nullable("x", DataType.BIGINT))))
          .isInstanceOfSatisfying(
              ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA));
    }
  }

  @Test
  void groupedAggregatesOverFilesAndDelta(TestInfo info) {
    long seed = seed(info);
    RandomRows gen = new RandomRows(new Random(seed), 1);
    ReferenceTable ref = new ReferenceTable(schema());
    try (ColdStore store = open()) {
      ColdTable t = store.table("grouped", schema());
      writeFile(t, ref, 1, gen.rows(2_000));
      insertDelta(t, ref, 2, gen.rows(30));
      ref.delete(3, 2, Expr.gt(ConformanceSchema.QTY, 50));
      t.endRows(3, 2, Expr.gt(ConformanceSchema.QTY, 50));
      for (AggregateSpec spec :
          List.of(
              AggregateSpec.of(
                  List.of(GroupKey.column(ConformanceSchema.REGION)),
                  AggregateCall.countStar(),
                  AggregateCall.avg(ConformanceSchema.RATIO),
                  AggregateCall.sum(ConformanceSchema.AMOUNT)),
              AggregateSpec.of(
                  List.of(GroupKey.timeBucket(ConformanceSchema.TS, 3_600_000_000L)),
                  AggregateCall.max(ConformanceSchema.BIG)),
              AggregateSpec.of(
                  List.of(
                      GroupKey.column(ConformanceSchema.FLAG),
                      GroupKey.column(ConformanceSchema.DAY)),
                  AggregateCall.min(ConformanceSchema.LABEL)))) {
        for (long s = 1; s <= 3; s++) {
          RowAssert.assertSameAggregates(
              "[seed=" + seed + "] " + spec + " at " + s,
              spec,
              ref.aggregate(ScanRequest.at(s), spec).rows(),
              t.aggregate(ScanRequest.at(s), spec).rows());
        }
      }
    }
  }

  @Test
  void droppedTablesLeaveNothingBehind(TestInfo info) {
    RandomRows gen = new RandomRows(new Random(seed(info)), 1);
    try (ColdStore store = open()) {
      ColdTable t = store.table("temp", schema());
      t.writeFile(1, ColdTestData.batch(t, gen.rows(50)));
      t.insertDelta(2, gen.rows(5));
      store.dropTable("temp");
      assertThat(filesUnder(store)).isEmpty();
      assertThat(store.tableNames()).doesNotContain("temp");
      ColdTable again = store.table("temp", schema());
      assertThat(scan(again, 10)).isEmpty();
    }
  }

  @Test
  void catalogFamilyStoresOpaqueBytes() {
    try (ColdStore store = open()) {
      ColdCatalog c = store.catalog();
      c.put(bytes("table/a"), bytes("1"));
      c.put(bytes("table/b"), bytes("2"));
      c.put(bytes("user/x"), bytes("3"));
      assertThat(new String(c.get(bytes("table/b")), StandardCharsets.UTF_8)).isEqualTo("2");
      assertThat(c.scanPrefix(bytes("table/"))).hasSize(2);
      c.delete(bytes("table/a"));
      assertThat(c.get(bytes("table/a"))).isNull();
      assertThat(c.scanPrefix(bytes("table/"))).hasSize(1);
    }
  }

  @Test
  void closingIsIdempotentClosesCursorsAndRefusesLaterCalls(TestInfo info) {
    RandomRows gen = new RandomRows(new Random(seed(info)), 1);
    ColdStore store = open();
    ColdTable t = store.table("closing", schema());
    t.writeFile(1, ColdTestData.batch(t, gen.rows(300)));
    BatchCursor cursor = t.scan(ScanRequest.at(1).withBatchSize(10));
    assertThat(cursor.next()).isNotNull();
    store.close();
    store.close();
    assertThat(cursor.next()).isNull();
    cursor.close();
    assertThatThrownBy(() -> scan(t, 1))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.COLD_TIER_UNAVAILABLE));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

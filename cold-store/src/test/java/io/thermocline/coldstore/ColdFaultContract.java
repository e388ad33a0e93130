package io.thermocline.coldstore;

import static io.thermocline.coldstore.ColdTestData.filesUnder;
import static io.thermocline.coldstore.ColdTestData.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.TestSeed;
import io.thermocline.testkit.hadoop.FaultInjectingFileSystem;
import io.thermocline.testkit.scan.ConformanceSchema;
import io.thermocline.testkit.scan.RandomRows;
import io.thermocline.testkit.scan.RowAssert;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rocksdb.RocksDBException;

/**
 * Fault tests on any file system: a file system that fails create, write, hsync, rename, read or
 * delete on demand, a full disk, a failing RocksDB batch, corrupt footers and pages. After every
 * failed change the tier must be exactly as before (same rows, same manifest, same files on disk,
 * no temporary file), errors must name the table and the file, and a damaged file must fail with an
 * error rather than return wrong rows.
 */
abstract class ColdFaultContract {
  @TempDir Path local;

  private final AtomicBoolean failCommits = new AtomicBoolean();
  private FaultInjectingFileSystem faulty;
  private URI root;
  private ColdStore store;
  private ColdTable table;
  private RandomRows gen;
  private long seed;

  /** The real file system under test (not closed by the test). */
  protected abstract FileSystem baseFileSystem();

  /** A fresh, empty root on it. */
  protected abstract URI newRoot();

  private static Schema schema() {
    return ConformanceSchema.schema();
  }

  @BeforeEach
  void setUp(TestInfo info) {
    seed = TestSeed.resolve(getClass().getSimpleName() + "." + info.getDisplayName());
    gen = new RandomRows(new Random(seed), 1);
    faulty = new FaultInjectingFileSystem(baseFileSystem());
    root = newRoot();
    store = openStore();
    table = store.table("faulty_t", schema());
    table.writeFile(1, ColdTestData.batch(table, gen.rows(400)));
    table.insertDelta(2, gen.rows(5));
    table.endRows(3, 2, Expr.lt(ConformanceSchema.ID, 20L));
  }

  private ColdStore openStore() {
    return ColdStore.open(
        ColdStoreOptions.of(local)
            .withFileSystem(faulty, root)
            .withConfig(ColdTierFixture.smallFiles())
            .withCommitHook(
                b -> {
                  if (failCommits.get()) {
                    throw new RocksDBException("injected: WAL write failed, disk full");
                  }
                }));
  }

  @AfterEach
  void tearDown() {
    faulty.heal();
    failCommits.set(false);
    store.close();
  }

  /** Everything observable about the table: rows, physical stats and files on disk. */
  private record State(List<Object[]> rows, ColdTableStats stats, Set<String> files) {}

  private State state() {
    return new State(scan(table, 100), table.stats(), filesUnder(store));
  }

  private void assertUnchanged(State before, String what) {
    State after = state();
    RowAssert.assertSameRows("[seed=" + seed + "] " + what, before.rows(), after.rows());
    assertThat(after.stats()).as(what).isEqualTo(before.stats());
    assertThat(after.files()).as(what + ": files on disk").isEqualTo(before.files());
  }

  private static void assertNames(ThermoException e, ErrorCode code, String... parts) {
    assertThat(e.code()).isEqualTo(code);
    for (String p : parts) {
      assertThat(e.getMessage()).contains(p);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = FaultInjectingFileSystem.Op.class,
      names = {"CREATE", "WRITE", "HSYNC", "RENAME", "RENAME_RETURNS_FALSE"})
  void aFailedFileWriteLeavesTheTierAsItWas(FaultInjectingFileSystem.Op op) {
    State before = state();
    faulty.fail(op);
    assertThatThrownBy(() -> table.writeFile(4, ColdTestData.batch(table, gen.rows(300))))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertNames(e, ErrorCode.IO_ERROR, "faulty_t", ".parquet"));
    faulty.heal();
    assertUnchanged(before, op + " failure");
    table.writeFile(4, ColdTestData.batch(table, gen.rows(300)));
    assertThat(scan(table, 4)).hasSize(before.rows().size() + 300);
  }

  @Test
  void aFullDiskLeavesTheTierAsItWas() {
    State before = state();
    faulty.diskFullAfter(3_000);
    assertThatThrownBy(() -> table.writeFile(4, ColdTestData.batch(table, gen.rows(2_000))))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertNames(e, ErrorCode.IO_ERROR, "faulty_t", "No space left on device"));
    faulty.heal();
    assertUnchanged(before, "full disk");
  }

  @Test
  void aFailedMetadataBatchDeletesTheWrittenFiles() {
    State before = state();
    failCommits.set(true);
    assertThatThrownBy(() -> table.writeFile(4, ColdTestData.batch(table, gen.rows(300))))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertNames(e, ErrorCode.COLD_TIER_UNAVAILABLE, "faulty_t"));
    assertThatThrownBy(() -> table.insertDelta(4, gen.rows(3))).isInstanceOf(ThermoException.class);
    assertThatThrownBy(() -> table.endRows(4, 3, Expr.lt(ConformanceSchema.ID, 200L)))
        .isInstanceOf(ThermoException.class);
    failCommits.set(false);
    assertUnchanged(before, "failed RocksDB batch");
  }

  @Test
  void aFailedCompactionChangesNothing() {
    table.writeFile(4, ColdTestData.batch(table, gen.rows(100)));
    table.endRows(5, 4, Expr.gt(ConformanceSchema.ID, 450L));
    State before = state();
    faulty.fail(FaultInjectingFileSystem.Op.WRITE);
    assertThatThrownBy(() -> table.compact(5))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertNames(e, ErrorCode.IO_ERROR, "faulty_t"));
    faulty.heal();
    assertUnchanged(before, "compaction with a failing write");
    failCommits.set(true);
    assertThatThrownBy(() -> table.compact(5)).isInstanceOf(ThermoException.class);
    failCommits.set(false);
    assertUnchanged(before, "compaction with a failing batch");
    CompactionResult r = table.compact(5);
    assertThat(r.filesWritten()).isPositive();
    RowAssert.assertSameRows("compacted", before.rows(), scan(table, 100));
  }

  @ParameterizedTest
  @EnumSource(
      value = FaultInjectingFileSystem.Op.class,
      names = {"OPEN", "READ"})
  void aReadFailureNamesTheFileAndPasses(FaultInjectingFileSystem.Op op) {
    State before = state();
    store.footers().clear();
    faulty.fail(op);
    assertThatThrownBy(() -> scan(table, 100))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertNames(e, ErrorCode.IO_ERROR, "faulty_t", ".parquet"));
    faulty.heal();
    assertUnchanged(before, op + " failure while reading");
  }

  @Test
  void filesAFailedCleanupLeavesBehindAreSweptAtTheNextOpen() {
    State before = state();
    faulty.fail(FaultInjectingFileSystem.Op.HSYNC);
    faulty.fail(FaultInjectingFileSystem.Op.DELETE);
    assertThatThrownBy(() -> table.writeFile(4, ColdTestData.batch(table, gen.rows(300))))
        .isInstanceOf(ThermoException.class);
    faulty.heal();
    assertThat(filesUnder(store)).hasSizeGreaterThan(before.files().size());
    RowAssert.assertSameRows("orphan invisible", before.rows(), scan(table, 100));
    store.close();
    store = openStore();
    table = store.table("faulty_t");
    assertUnchanged(before, "reopened after a failed cleanup");
  }

  @Test
  void aCorruptFooterIsRefusedNamingTheFile() throws Exception {
    String file = dataFile();
    byte[] original = read(file);
    byte[] bad = original.clone();
    bad[bad.length - 30] ^= 0x10;
    write(file, bad);
    store.close();
    store = openStore();
    table = store.table("faulty_t");
    assertThatThrownBy(() -> scan(table, 100))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertNames(e, ErrorCode.CORRUPT_FILE, file, "checksum", "cold table faulty_t"));
    write(file, java.util.Arrays.copyOf(original, original.length - 100));
    store.footers().clear();
    assertThatThrownBy(() -> scan(table, 100))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertNames(e, ErrorCode.CORRUPT_FILE, file, "bytes", "cold table faulty_t"));
  }

  @Test
  void aCorruptPageIsRefusedAndNeverYieldsWrongRows() throws Exception {
    List<Object[]> good = scan(table, 100);
    String file = dataFile();
    byte[] original = read(file);
    long dataEnd = original.length - 2_000L;
    Random random = new Random(seed);
    int refused = 0;
    int flips = 12;
    for (int i = 0; i < flips; i++) {
      byte[] bad = original.clone();
      int at = 4 + random.nextInt((int) Math.max(1, Math.min(dataEnd, bad.length / 2) - 4));
      bad[at] ^= (byte) (1 << random.nextInt(8));
      write(file, bad);
      try {
        RowAssert.assertSameRows("[seed=" + seed + "] flip at " + at, good, scan(table, 100));
      } catch (ThermoException e) {
        assertNames(e, ErrorCode.CORRUPT_FILE, file, "cold table faulty_t");
        refused++;
      }
    }
    write(file, original);
    // A flip inside page data or a page header's sizes is refused; one inside a page header's
    // (unused) statistics is harmless. Either way the rows were never wrong.
    assertThat(refused).as("[seed=%d] flips refused", seed).isPositive();
  }

  /** The corrupt-page test with 20 fresh seeds, each a new file (long mode: {@code -Plong}). */
  @RepeatedTest(20)
  void aCorruptPageIsRefusedForManySeeds() throws Exception {
    assumeTrue(TestSeed.longMode(), "long mode only (-Plong)");
    aCorruptPageIsRefusedAndNeverYieldsWrongRows();
  }

  private String dataFile() {
    return filesUnder(store).stream().filter(f -> f.endsWith(".parquet")).findFirst().orElseThrow();
  }

  private org.apache.hadoop.fs.Path path(String relative) {
    return new org.apache.hadoop.fs.Path(store.root().toString(), relative);
  }

  private byte[] read(String relative) throws Exception {
    FileSystem fs = baseFileSystem();
    org.apache.hadoop.fs.Path p = path(relative);
    byte[] b = new byte[(int) fs.getFileStatus(p).getLen()];
    try (FSDataInputStream in = fs.open(p)) {
      in.readFully(0, b);
    }
    return b;
  }

  private void write(String relative, byte[] content) throws Exception {
    try (FSDataOutputStream out = baseFileSystem().create(path(relative), true)) {
      out.write(content);
    }
  }
}

package io.thermocline.engine.durability;

import static io.thermocline.engine.durability.DurabilityTestDb.contents;
import static io.thermocline.engine.durability.DurabilityTestDb.insert;
import static io.thermocline.engine.durability.DurabilityTestDb.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.recovery.wal.WalSettings;
import io.thermocline.testkit.TestSeed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One flipped byte in a log segment, in the hot checkpoint or in a cold Parquet file is detected
 * and reported as {@link CorruptFileException} naming the file and the offset, when the database
 * opens or when a scan reaches the file; a database never opens or answers with wrong rows. (A flip
 * within the last {@code wal.record.max.bytes} of the newest segment is indistinguishable from a
 * torn write and is cut as a torn tail, which is reported.)
 */
class CorruptionTest {
  private static final String T = "readings";

  @TempDir Path dir;

  /** Limits that keep the torn-tail zone of a segment (one record, one write group) small. */
  private static Config smallLog() {
    return DurabilityTestDb.config()
        .with(WalSettings.SEGMENT_BYTES, 64L * 1024)
        .with(WalSettings.RECORD_MAX_BYTES, 4096)
        .with(WalSettings.COMMIT_CHUNK_BYTES, 1024)
        .with(WalSettings.WRITE_BATCH_BYTES, 4096);
  }

  private List<String> fillLog(Config config, int commits) {
    try (Database db = Thermocline.open(dir, config);
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      for (int i = 0; i < commits; i++) {
        insert(s, T, i * 20L, i * 20L + 20, "c" + i);
      }
      return contents(db, T);
    }
  }

  @Test
  void aFlippedByteInASealedLogSegmentFailsTheOpenNamingSegmentAndOffset() throws IOException {
    fillLog(smallLog(), 200);
    List<Path> all = segments(dir);
    assertThat(all.size()).as("several segments").isGreaterThan(2);
    Path sealed = all.get(1);
    long at = Files.size(sealed) / 2;
    flip(sealed, at);
    CorruptFileException e = openFails(smallLog());
    assertThat(e.file()).isEqualTo(sealed.toString());
    assertThat(e.offset()).isBetween(at - 4096, at);
  }

  @Test
  void aFlippedByteFarFromTheEndOfTheNewestSegmentIsDamageNotATornTail() throws IOException {
    fillLog(smallLog(), 200);
    List<Path> all = segments(dir);
    Path newest = all.get(all.size() - 1);
    long size = Files.size(newest);
    assertThat(size).as("room beyond the torn-tail zone").isGreaterThan(3 * 4200L);
    flip(newest, size - 2 * 4200L);
    CorruptFileException e = openFails(smallLog());
    assertThat(e.file()).isEqualTo(newest.toString());
    assertThat(e.getMessage()).contains("not a torn tail");
  }

  @Test
  void aFlippedByteInTheLastRecordIsCutAsATornTailAndReported() throws IOException {
    List<String> all = fillLog(smallLog(), 50);
    List<Path> segs = segments(dir);
    Path newest = segs.get(segs.size() - 1);
    flip(newest, Files.size(newest) - 10);
    try (Database db = Thermocline.open(dir, smallLog())) {
      assertThat(db.recoveryResolutions())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.action()).isEqualTo("TAIL_CUT");
                assertThat(r.detail()).contains(newest.toString()).contains("offset");
              });
      // Only the last commit (20 rows) is gone; everything before it is intact.
      assertThat(contents(db, T)).hasSize(all.size() - 20).isSubsetOf(all);
    }
  }

  @Test
  void aFlippedByteAnywhereInTheHotCheckpointIsDetectedOrHarmless() throws IOException {
    long seed = TestSeed.resolve("CorruptionTest.checkpoint");
    Random random = new Random(seed);
    List<String> expected;
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      s.createTable(TableDefinition.hot(T, DurabilityTestDb.READINGS));
      insert(s, T, 0, 20_000, "ckpt");
      db.checkpoint();
      expected = contents(db, T);
    }
    Path file = HotCheckpoint.file(dir);
    byte[] pristine = Files.readAllBytes(file);
    int detected = 0;
    for (int i = 0; i < 12; i++) {
      // The first flip lands in the row sections (the middle of the file); the rest anywhere.
      long at = i == 0 ? pristine.length / 2 : random.nextInt(pristine.length);
      Files.write(file, pristine);
      flip(file, at);
      String ctx = "seed " + seed + ", flip at " + at + " of " + pristine.length;
      Throwable t = catchThrowable(() -> openAndCompare(expected, ctx));
      if (t != null) {
        CorruptFileException e = corruptIn(t, ctx);
        assertThat(e.file()).as(ctx).isEqualTo(file.toString());
        assertThat(e.offset()).as(ctx).isBetween(0L, (long) pristine.length);
        detected++;
      } else {
        assertThat(i).as(ctx + ": a flip in the row sections must be detected").isNotZero();
      }
    }
    System.out.println("CorruptionTest seed " + seed + ": " + detected + " of 12 flips detected");
    assertThat(detected).isPositive();
  }

  private void openAndCompare(List<String> expected, String ctx) {
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config())) {
      assertThat(contents(db, T))
          .as(ctx + ": opened, so the rows must be exact")
          .isEqualTo(expected);
    }
  }

  @Test
  void aFlippedByteInAColdParquetFileFailsTheScanThatReachesIt() throws IOException {
    Schema noKey =
        new Schema(
            DurabilityTestDb.READINGS.columns(), List.of(), "ts"); // no key: open reads no file
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      s.createTable(TableDefinition.hybrid(T, noKey));
      insert(s, T, 0, 5_000, "cold");
      s.update(T, Expr.lt("id", 4_000L), Map.of("_aged", true));
      assertThat(db.moveBatch(T, MoveDirection.TO_COLD, 10_000)).isEqualTo(4_000);
    }
    Path parquet = parquetFiles().get(0);
    long size = Files.size(parquet);
    List<String> rows;
    List<Object[]> sums;
    AggregateSpec spec =
        AggregateSpec.of(List.of(), AggregateCall.countStar(), AggregateCall.sum("x"));
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
        Session s = db.session()) {
      rows = contents(db, T);
      sums = s.aggregate(T, null, spec).rows();
    }
    int detected = 0;
    for (long at = size / 16; at < size; at += size / 8) {
      String ctx = "flip at " + at + " of " + size + " in " + parquet;
      flip(parquet, at);
      try (Database db = Thermocline.open(dir, DurabilityTestDb.config());
          Session s = db.session()) {
        // The hot tier still answers; every read of the damaged part fails naming the file.
        assertThat(s.count(T, Expr.ge("id", 4_000L))).as(ctx).isEqualTo(1_000);
        Throwable scan = catchThrowable(() -> contents(db, T));
        CorruptFileException e = corruptIn(scan, ctx + ": a full scan reads every byte");
        assertThat(e.file()).as(ctx).contains(parquet.getFileName().toString());
        assertThat(e.offset()).as(ctx).isBetween(0L, size);
        Object[][] answer = new Object[1][];
        Throwable agg = catchThrowable(() -> answer[0] = s.aggregate(T, null, spec).rows().get(0));
        if (agg != null) {
          assertThat(corruptIn(agg, ctx).file()).as(ctx).contains(parquet.getFileName().toString());
        } else {
          assertThat(answer[0]).as(ctx + ": answered, so exactly").containsExactly(sums.get(0));
        }
        detected++;
      }
      flip(parquet, at);
    }
    assertThat(detected).isEqualTo(8);
    try (Database db = Thermocline.open(dir, DurabilityTestDb.config())) {
      assertThat(contents(db, T)).as("undamaged again").isEqualTo(rows);
    }
  }

  private List<Path> parquetFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private CorruptFileException openFails(Config config) {
    Throwable t =
        catchThrowable(
            () -> {
              try (Database db = Thermocline.open(dir, config)) {
                contents(db, T);
              }
            });
    return corruptIn(t, "open of " + dir);
  }

  private static CorruptFileException corruptIn(Throwable t, String ctx) {
    assertThat(t).as(ctx + ": must fail").isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CorruptFileException e) {
        return e;
      }
    }
    throw new AssertionError(ctx + ": expected a CorruptFileException, got " + t, t);
  }

  private static void flip(Path file, long at) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5A));
      b.rewind();
      ch.write(b, at);
    }
  }
}

package io.thermocline.engine.durability;

import static io.thermocline.engine.durability.DurabilityTestDb.insert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.recovery.checkpoint.CheckpointFile;
import io.thermocline.recovery.checkpoint.CheckpointReader;
import io.thermocline.recovery.checkpoint.CheckpointSection;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write side of hot checkpoints: encoding on a pool writes the same bytes as one thread (parts
 * included), and a copy of a checkpoint at the wanted id keeps its row sections byte for byte with
 * a new log start, refuses a checkpoint of another id or other tables, and never copies damage.
 */
class HotCheckpointCopyTest {
  @TempDir Path dir;

  @Test
  void encodingOnAPoolWritesTheSameSectionsAsOneThread() throws IOException {
    try (Database db = Thermocline.open(dir.resolve("data"), DurabilityTestDb.config())) {
      load(db);
      long cid = db.pinSnapshot();
      List<HybridTable> tables = hotTables(db);
      List<Path> files = new ArrayList<>();
      for (int threads : new int[] {0, 1, 3}) {
        Path f = dir.resolve("encoded-" + threads + ".ckpt");
        CheckpointFile.write(
            LocalFileIO.INSTANCE,
            f.toString(),
            w -> {
              // 5,000-row parts: the 4,096-row batches end parts at different chunk counts.
              try (HotCheckpointEncoder e = new HotCheckpointEncoder(5_000, threads)) {
                int[] parts = e.write(w, tables, cid);
                assertThat(parts[0]).isGreaterThan(3);
                assertThat(e.rows()).isEqualTo(rows(db, cid));
              }
            });
        files.add(f);
      }
      CheckpointReader one = CheckpointFile.open(LocalFileIO.INSTANCE, files.get(0).toString());
      for (Path f : files.subList(1, files.size())) {
        CheckpointReader other = CheckpointFile.open(LocalFileIO.INSTANCE, f.toString());
        assertThat(other.sections()).isEqualTo(one.sections());
        assertThat(Files.mismatch(files.get(0), f)).isEqualTo(-1L);
      }
      db.releaseSnapshot(cid);
    }
  }

  @Test
  void aCopyAtTheCheckpointsIdKeepsItsRowsAndTakesTheNewLogStart() {
    Path data = dir.resolve("data");
    try (Database db = Thermocline.open(data, DurabilityTestDb.config())) {
      load(db);
      long cid = db.checkpoint();
      Path out = dir.resolve("copy");
      assertThat(
              HotCheckpointCopy.write(LocalFileIO.INSTANCE, data, out, cid, 1, 77, hotTables(db)))
          .isTrue();
      HotCheckpoint.Image live = HotCheckpoint.readMeta(data);
      HotCheckpoint.Image copy = HotCheckpoint.readMeta(out);
      assertThat(live.lsn()).isGreaterThan(1);
      assertThat(copy.cid()).isEqualTo(cid);
      assertThat(copy.lsn()).isEqualTo(1);
      assertThat(copy.timeMicros()).isEqualTo(77);
      assertThat(copy.tables()).isEqualTo(live.tables());
      CheckpointReader a = CheckpointFile.open(LocalFileIO.INSTANCE, live.file().toString());
      CheckpointReader b = CheckpointFile.open(LocalFileIO.INSTANCE, copy.file().toString());
      b.verify();
      for (CheckpointSection s : a.sections()) {
        if (!s.name().equals("meta")) {
          assertThat(b.readSection(s.name())).as(s.name()).isEqualTo(a.readSection(s.name()));
        }
      }
      assertThat(b.sections())
          .extracting(CheckpointSection::name)
          .containsExactlyInAnyOrderElementsOf(
              a.sections().stream().map(CheckpointSection::name).toList());
    }
  }

  @Test
  void aCheckpointOfAnotherIdOrOtherTablesIsNotCopied() {
    Path data = dir.resolve("data");
    try (Database db = Thermocline.open(data, DurabilityTestDb.config())) {
      load(db);
      long cid = db.checkpoint();
      List<HybridTable> tables = hotTables(db);
      Path out = dir.resolve("copy");
      assertThat(HotCheckpointCopy.write(LocalFileIO.INSTANCE, data, out, cid + 1, 1, 0, tables))
          .isFalse();
      assertThat(
              HotCheckpointCopy.write(
                  LocalFileIO.INSTANCE, data, out, cid, 1, 0, tables.subList(0, 1)))
          .isFalse();
      assertThat(
              HotCheckpointCopy.write(
                  LocalFileIO.INSTANCE, dir.resolve("none"), out, cid, 1, 0, tables))
          .isFalse();
      assertThat(out).doesNotExist();
    }
  }

  @Test
  void aDamagedSourceIsReportedAndNothingIsWritten() throws IOException {
    Path data = dir.resolve("data");
    try (Database db = Thermocline.open(data, DurabilityTestDb.config())) {
      load(db);
      long cid = db.checkpoint();
      Path source = dir.resolve("source");
      Files.createDirectories(HotCheckpoint.file(source).getParent());
      Files.copy(HotCheckpoint.file(data), HotCheckpoint.file(source));
      CheckpointSection hot =
          CheckpointFile.open(LocalFileIO.INSTANCE, HotCheckpoint.file(source).toString())
              .sections()
              .stream()
              .filter(s -> s.name().equals("hot/0/0"))
              .findFirst()
              .orElseThrow();
      flip(HotCheckpoint.file(source), hot.offset() + hot.length() / 2);
      Path out = dir.resolve("copy");
      assertThatThrownBy(
              () ->
                  HotCheckpointCopy.write(
                      LocalFileIO.INSTANCE, source, out, cid, 1, 0, hotTables(db)))
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining(HotCheckpoint.file(source).toString())
          .hasMessageContaining("hot/0/0");
      assertThat(HotCheckpoint.file(out)).doesNotExist();
      assertThat(Path.of(HotCheckpoint.file(out) + ".tmp")).doesNotExist();
    }
  }

  /** Two hot tables, the first big enough for several parts of 5,000 rows; some rows ended. */
  private static void load(Database db) {
    try (Session s = db.session()) {
      s.createTable(TableDefinition.hot("a", DurabilityTestDb.READINGS));
      s.createTable(TableDefinition.hot("b", DurabilityTestDb.READINGS));
      insert(s, "a", 0, 30_000, "a");
      insert(s, "b", 0, 3_000, "b");
      s.delete("a", Expr.between("id", 1_000L, 1_999L));
    }
  }

  private static List<HybridTable> hotTables(Database db) {
    List<HybridTable> out = new ArrayList<>();
    for (TableDefinition d : db.tables()) {
      out.add(db.table(d.name()));
    }
    return HotCheckpoint.withHot(out);
  }

  private static long rows(Database db, long cid) {
    return db.table("a").stats(cid).hotRows() + db.table("b").stats(cid).hotRows();
  }

  private static void flip(Path p, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x20);
    }
  }
}

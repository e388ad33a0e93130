package io.thermocline.recovery.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
  private static final LocalFileIO IO = LocalFileIO.INSTANCE;

  @TempDir Path tmp;
  Path source;
  String target;
  long seed;

  @BeforeEach
  void setUp() throws IOException {
    seed = Long.getLong("thermo.seed", new Random().nextLong());
    System.out.println(
        "BackupCatalogTest seed " + seed + " (replay with -Dthermo.seed=" + seed + ")");
    source = Files.createDirectories(tmp.resolve("source"));
    target = tmp.resolve("target").toString();
    Random r = new Random(seed);
    for (int i = 0; i < 4; i++) {
      byte[] b = new byte[r.nextInt(3 << 20)];
      r.nextBytes(b);
      Files.write(source.resolve("f" + i), b);
    }
  }

  private BackupManifest backup(BackupKind kind, String label, long micros, String previous)
      throws IOException {
    List<long[]> progress = new ArrayList<>();
    try (BackupWriter w =
        BackupWriter.start(
            IO, target, kind, label, micros, 2, (d, t) -> progress.add(new long[] {d, t}))) {
      for (int i = 0; i < 4; i++) {
        Path f = source.resolve("f" + i);
        w.add(IO, f.toString(), "data/f" + i, Long.MAX_VALUE, Files.size(f));
      }
      BackupManifest m = w.finish(42, micros, "db-1", previous, 0, 7, Map.of("k", "v"));
      assertThat(progress).isNotEmpty();
      long[] last = progress.get(progress.size() - 1);
      assertThat(last[0]).isEqualTo(last[1]).isEqualTo(m.totalBytes());
      return m;
    }
  }

  @Test
  void backupIsListedVerifiedAndReadBack() throws IOException {
    BackupManifest m = backup(BackupKind.FULL, "nightly-1", 1_700_000_000_000_000L, null);
    assertThat(m.id()).endsWith("-full-nightly-1");
    List<BackupCatalog.Entry> list = BackupCatalog.list(IO, target);
    assertThat(list).hasSize(1);
    BackupCatalog.Entry e = list.get(0);
    assertThat(e.status()).isEqualTo(BackupStatus.COMPLETE);
    assertThat(e.commitId()).isEqualTo(42);
    assertThat(e.sizeBytes()).isEqualTo(m.totalBytes());
    BackupManifest read = BackupCatalog.read(IO, target, m.id());
    assertThat(read).isEqualTo(m);
    for (int i = 0; i < 4; i++) {
      byte[] original = Files.readAllBytes(source.resolve("f" + i));
      assertThat(read.file("data/f" + i).sha256()).isEqualTo(HashingCopy.sha256(original));
    }
    assertThat(BackupVerifier.verify(IO, target, m.id(), ProgressListener.NONE).intact()).isTrue();
  }

  @Test
  void everyFlippedByteIsFoundAndNamed() throws IOException {
    BackupManifest m = backup(BackupKind.FULL, "", 1_700_000_000_000_000L, null);
    Random r = new Random(seed);
    for (BackupFile f : m.files()) {
      if (f.size() == 0) {
        continue;
      }
      Path p = Path.of(BackupCatalog.location(IO, target, f));
      long at = (long) (r.nextDouble() * f.size());
      flip(p, at);
      BackupVerifier.Report report = BackupVerifier.verify(IO, target, m.id(), null);
      assertThat(report.damages())
          .as("seed %d, byte %d of %s", seed, at, p)
          .singleElement()
          .satisfies(d -> assertThat(d.file()).isEqualTo(p.toString()));
      assertThatThrownBy(report::requireIntact)
          .isInstanceOf(ThermoException.class)
          .hasMessageContaining(p.toString())
          .satisfies(
              t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.BACKUP_DAMAGED));
      Path out = tmp.resolve("out");
      assertThatThrownBy(
              () ->
                  BackupVerifier.copyChecked(
                      IO, target, f, IO, out.toString(), new Progress(null, 0)))
          .hasMessageContaining(p.toString());
      flip(p, at);
    }
    Files.delete(Path.of(BackupCatalog.location(IO, target, m.files().get(1))));
    assertThat(BackupVerifier.verify(IO, target, m.id(), null).damages())
        .singleElement()
        .satisfies(d -> assertThat(d.problem()).isEqualTo("missing"));
  }

  @Test
  void damagedManifestAndIncompleteBackupAreListedAsSuch() throws IOException {
    BackupManifest m = backup(BackupKind.FULL, "", 1_700_000_000_000_000L, null);
    Path manifest = Path.of(target, m.id(), ManifestCodec.FILE_NAME);
    flip(manifest, Files.size(manifest) / 2);
    Files.createDirectories(Path.of(target, "20990101-000000-000-full"));
    Files.write(Path.of(target, "20990101-000000-000-full", "x"), new byte[] {1});
    List<BackupCatalog.Entry> list = BackupCatalog.list(IO, target);
    assertThat(list)
        .extracting(BackupCatalog.Entry::status)
        .containsExactlyInAnyOrder(BackupStatus.DAMAGED, BackupStatus.INCOMPLETE);
    assertThat(BackupVerifier.verify(IO, target, m.id(), null).damages())
        .singleElement()
        .satisfies(d -> assertThat(d.file()).isEqualTo(manifest.toString()));
    assertThatThrownBy(() -> BackupCatalog.read(IO, target, m.id()))
        .satisfies(
            t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.BACKUP_DAMAGED));
    BackupCatalog.delete(IO, target, m.id());
    BackupCatalog.delete(IO, target, "20990101-000000-000-full");
    assertThat(BackupCatalog.list(IO, target)).isEmpty();
  }

  @Test
  void aBackupOthersNeedIsNotDeleted() throws IOException {
    BackupManifest full = backup(BackupKind.FULL, "", 1_700_000_000_000_000L, null);
    BackupManifest log;
    try (BackupWriter w =
        BackupWriter.start(IO, target, BackupKind.LOG, "", 1_700_000_001_000_000L, 1, null)) {
      w.reference(full.files().get(0));
      log = w.finish(50, 1_700_000_001_000_000L, "db-1", full.id(), 8, 9, Map.of());
    }
    assertThat(BackupVerifier.verify(IO, target, log.id(), null).intact()).isTrue();
    assertThatThrownBy(() -> BackupCatalog.delete(IO, target, full.id()))
        .hasMessageContaining(log.id());
    BackupCatalog.delete(IO, target, log.id());
    BackupCatalog.delete(IO, target, full.id());
    assertThat(BackupCatalog.list(IO, target)).isEmpty();
    assertThatThrownBy(() -> BackupCatalog.delete(IO, target, full.id()))
        .satisfies(
            t -> assertThat(((ThermoException) t).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void anUnfinishedBackupLeavesNothing() throws IOException {
    try (BackupWriter w =
        BackupWriter.start(IO, target, BackupKind.FULL, "", 1_700_000_000_000_000L, 2, null)) {
      w.add(IO, source.resolve("f0").toString(), "a", Long.MAX_VALUE, 1);
      w.add(IO, source.resolve("missing").toString(), "b", Long.MAX_VALUE, 1);
      assertThatThrownBy(() -> w.finish(1, 1, "", null, 0, 0, Map.of()))
          .hasMessageContaining("missing");
    }
    assertThat(BackupCatalog.list(IO, target)).isEmpty();
  }

  private static void flip(Path p, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }
}

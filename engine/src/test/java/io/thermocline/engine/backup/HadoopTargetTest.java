package io.thermocline.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.coldstore.fs.ColdFileSystems;
import io.thermocline.coldstore.fs.HadoopFileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupStatus;
import io.thermocline.recovery.backup.BackupVerifier;
import io.thermocline.recovery.backup.BackupWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup file layer on a Hadoop {@code FileSystem} (the raw local one, addressed by URI as a
 * cluster target is): write, list, verify and delete behave as on a local directory, although a
 * Hadoop listing of a file names the file itself.
 */
class HadoopTargetTest {
  @TempDir Path tmp;

  @Test
  void backupsOnAHadoopFileSystemAreListedVerifiedAndDeleted() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("src"));
    Files.write(source.resolve("a"), new byte[300_000]);
    Files.writeString(source.resolve("b"), "bee");
    String target = tmp.resolve("target").toUri().toString();
    try (FileSystem fs = ColdFileSystems.open(tmp.toUri(), new Configuration())) {
      HadoopFileIO io = new HadoopFileIO(fs);
      BackupManifest m;
      try (BackupWriter w =
          BackupWriter.start(
              io, target, BackupKind.FULL, "hdfs", 1_700_000_000_000_000L, 2, null)) {
        w.add(LocalFileIO.INSTANCE, source.resolve("a").toString(), "x/a", Long.MAX_VALUE, 300_000);
        w.add(LocalFileIO.INSTANCE, source.resolve("b").toString(), "b", Long.MAX_VALUE, 3);
        m = w.finish(5, 1_700_000_000_000_000L, "db", null, 0, 1, Map.of());
      }
      assertThat(BackupCatalog.list(io, target))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(BackupStatus.COMPLETE));
      assertThat(BackupVerifier.verify(io, target, m.id(), null).intact()).isTrue();
      BackupCatalog.delete(io, target, m.id());
      assertThat(BackupCatalog.list(io, target)).isEmpty();
      assertThat(tmp.resolve("target").resolve(m.id())).doesNotExist();
    }
  }
}

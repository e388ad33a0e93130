package io.thermocline.recovery.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.io.LocalFileIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCodecTest {
  @TempDir Path tmp;

  private static BackupManifest manifest() {
    return new BackupManifest(
        "20260101-000000-000-log",
        BackupKind.LOG,
        "nightly",
        99,
        1_767_225_600_000_000L,
        "db",
        "20251231-000000-000-full",
        10,
        20,
        List.of(
            new BackupFile("wal/wal-1.log", 5, "ab".repeat(32), "20260101-000000-000-log"),
            new BackupFile("cold/t1/f1.parquet", 7, "cd".repeat(32), "20251231-000000-000-full")),
        Map.of("commitTimeMicros", "5"));
  }

  @Test
  void roundTripsAndIsReadableJsonInsideItsContainer() throws Exception {
    String path = tmp.resolve(ManifestCodec.FILE_NAME).toString();
    ManifestCodec.write(LocalFileIO.INSTANCE, path, manifest());
    assertThat(ManifestCodec.read(LocalFileIO.INSTANCE, path)).isEqualTo(manifest());
    String text = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"format\" : \"thermocline-backup-manifest\"")
        .contains("\"version\" : 1")
        .contains("\"storedIn\" : \"20251231-000000-000-full\"");
    assertThat(manifest().ownBytes()).isEqualTo(5);
    assertThat(manifest().totalBytes()).isEqualTo(12);
  }

  @Test
  void aNewerJsonVersionIsRefusedAsTooNew() {
    byte[] json =
        new String(ManifestCodec.toJson(manifest()), StandardCharsets.UTF_8)
            .replace("\"version\" : 1", "\"version\" : 7")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestCodec.fromJson("m", json))
        .isInstanceOf(FormatVersionException.class)
        .satisfies(
            t ->
                assertThat(((FormatVersionException) t).code())
                    .isEqualTo(ErrorCode.FORMAT_TOO_NEW));
    assertThatThrownBy(() -> ManifestCodec.fromJson("m", "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("format");
  }
}

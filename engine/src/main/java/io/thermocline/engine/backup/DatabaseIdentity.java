package io.thermocline.engine.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The id of one incarnation of a data directory ({@code <data>/backup/database-id}): log sequence
 * numbers restart when a backup is restored, so log backups are kept apart by this id, and a
 * restore gives the directory a new one. Stateless.
 */
final class DatabaseIdentity {
  static final String DIRECTORY = "backup";
  static final String FILE = "database-id";

  private DatabaseIdentity() {}

  /** The id of {@code dataDirectory}, created on first use. */
  static String of(Path dataDirectory) {
    Path f = dataDirectory.resolve(DIRECTORY).resolve(FILE);
    try {
      if (Files.exists(f)) {
        String id = Files.readString(f, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      return renew(dataDirectory);
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  /** Gives {@code dataDirectory} a new id (after a restore) and returns it. */
  static String renew(Path dataDirectory) {
    Path dir = dataDirectory.resolve(DIRECTORY);
    String id = UUID.randomUUID().toString();
    try {
      Files.createDirectories(dir);
      LocalFileIO.INSTANCE.writeAtomically(
          dir.resolve(FILE).toString(), (id + "\n").getBytes(StandardCharsets.UTF_8));
      return id;
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot write the database id in " + dir + ": " + e.getMessage(), e);
    }
  }
}

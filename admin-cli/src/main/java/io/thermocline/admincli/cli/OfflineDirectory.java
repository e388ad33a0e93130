package io.thermocline.admincli.cli;

import io.thermocline.engine.DataDirectoryLock;
import java.nio.file.Path;

/**
 * The checks of commands that open a data directory themselves (restore, recover, demo): they
 * refuse a directory a server (or any database) holds, before touching anything. Stateless.
 */
final class OfflineDirectory {
  private OfflineDirectory() {}

  static void requireNotHeld(Path data, String what) {
    if (DataDirectoryLock.isHeld(data)) {
      throw new CliFailure(
          "TC-3006",
          "the data directory "
              + data.toAbsolutePath()
              + " is in use by a running server; stop it before "
              + what
              + " (nothing was changed)");
    }
  }

  /** The default backup target of a data directory: its sibling {@code <dir>-backups}. */
  static String defaultTarget(Path data) {
    Path d = data.toAbsolutePath().normalize();
    return d.resolveSibling(d.getFileName() + "-backups").toString();
  }
}

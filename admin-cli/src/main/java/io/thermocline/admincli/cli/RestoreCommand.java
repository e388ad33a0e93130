package io.thermocline.admincli.cli;

import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.engine.backup.Backups;
import io.thermocline.engine.backup.RestoreOptions;
import io.thermocline.engine.backup.RestoreResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo restore ID --data DIR [--from TARGET] [--force]}: restores a full backup into a
 * data directory, offline: it opens the directory itself and refuses one a server holds. Every file
 * is checked against its SHA-256 on the way; a damaged backup is refused.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "restore",
    description = "Restore a full backup into a data directory (offline; never a live one).")
public final class RestoreCommand extends CommandBase {
  @Parameters(index = "0", paramLabel = "ID", description = "The backup (see thermo backup list).")
  String id;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Restore into.")
  Path data;

  @Option(
      names = "--from",
      paramLabel = "DIR|URI",
      description = "Where the backup is (default: <DIR>-backups).")
  String from;

  @Option(names = "--force", description = "Replace a non-empty (stopped) data directory.")
  boolean force;

  @Override
  public Integer call() {
    OfflineDirectory.requireNotHeld(data, "restoring into it");
    String source = from != null ? from : OfflineDirectory.defaultTarget(data);
    ProgressBar bar = new ProgressBar(root().err(), "restore", true, !output().json());
    RestoreResult r;
    try {
      r =
          Backups.restore(
              source, id, data, RestoreOptions.defaults().withForce(force), bar::update);
    } finally {
      bar.finish();
    }
    output()
        .line(
            "restored backup "
                + id
                + " into "
                + data.toAbsolutePath()
                + " at commit id "
                + r.commitId()
                + "; start it with: thermo server --data "
                + data);
    return output().json() ? show(AdminJson.mapper().valueToTree(r)) : 0;
  }
}

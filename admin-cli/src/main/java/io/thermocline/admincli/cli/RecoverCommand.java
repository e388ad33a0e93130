package io.thermocline.admincli.cli;

import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.engine.backup.BackupTarget;
import io.thermocline.engine.backup.Backups;
import io.thermocline.engine.backup.RestoreOptions;
import io.thermocline.engine.backup.RestoreResult;
import io.thermocline.recovery.backup.BackupCatalog;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code thermo recover --until CID|TIME --data DIR [--from TARGET] [--backup ID] [--force]}:
 * point-in-time recovery, offline: the newest full backup at or before the point (or the one
 * named), rolled forward with the log backups of its chain up to that commit id or time.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "recover",
    description = "Point-in-time recovery into a data directory (offline; never a live one).")
public final class RecoverCommand extends CommandBase {
  @Option(
      names = "--until",
      required = true,
      paramLabel = "CID|TIME",
      description = "A commit id, or an ISO-8601 time such as 2026-11-23T14:05:00Z.")
  String until;

  @Option(names = "--data", required = true, paramLabel = "DIR")
  Path data;

  @Option(names = "--from", paramLabel = "DIR|URI", description = "Default: <DIR>-backups.")
  String from;

  @Option(names = "--backup", paramLabel = "ID", description = "Full backup to start from.")
  String backup;

  @Option(names = "--force", description = "Replace a non-empty (stopped) data directory.")
  boolean force;

  @Override
  public Integer call() {
    long cid = RestoreOptions.NO_CID;
    Instant time = null;
    if (until.chars().allMatch(Character::isDigit)) {
      cid = Long.parseLong(until);
    } else {
      try {
        time = Instant.parse(until);
      } catch (DateTimeParseException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--until "
                + until
                + " is neither a commit id nor an ISO-8601 time (e.g. 2026-11-23T14:05:00Z)");
      }
    }
    OfflineDirectory.requireNotHeld(data, "recovering into it");
    String source = from != null ? from : OfflineDirectory.defaultTarget(data);
    String full = backup != null ? backup : newestFullBefore(source, cid, time);
    RestoreOptions options = RestoreOptions.defaults().withForce(force);
    options = time != null ? options.untilTime(time) : options.untilCid(cid);
    ProgressBar bar = new ProgressBar(root().err(), "recover", true, !output().json());
    RestoreResult r;
    try {
      r = Backups.restore(source, full, data, options, bar::update);
    } finally {
      bar.finish();
    }
    output()
        .line(
            "recovered "
                + data.toAbsolutePath()
                + " from "
                + full
                + " and "
                + r.logBackups().size()
                + " log backups to commit id "
                + r.commitId());
    return output().json() ? show(AdminJson.mapper().valueToTree(r)) : 0;
  }

  private static String newestFullBefore(String source, long cid, Instant time) {
    String best = null;
    try (BackupTarget t = BackupTarget.open(source)) {
      for (BackupCatalog.Entry e : BackupCatalog.list(t.io(), t.path())) {
        boolean before = time != null ? e.createdMicros() <= micros(time) : e.commitId() <= cid;
        if (e.kind() == BackupKind.FULL && e.status() == BackupStatus.COMPLETE && before) {
          best = e.id();
        }
      }
    }
    if (best == null) {
      throw new CliFailure(
          "TC-1007",
          "no complete full backup in "
              + source
              + " is at or before "
              + (time != null ? time : "commit id " + cid));
    }
    return best;
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}

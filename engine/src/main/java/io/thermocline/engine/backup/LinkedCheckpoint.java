package io.thermocline.engine.backup;

import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.engine.durability.HotCheckpoint;
import io.thermocline.recovery.wal.WalSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data directory's own hot checkpoint and the log segments after it, hard-linked into a
 * backup's staging directory while the image is fixed. Together they hold the hot tier at the
 * image's id: a restore copies the checkpoint (at an id C0 at or below the image's) and re-writes
 * the log records from its LSN up to the image's, and opening the restored directory replays them
 * exactly as a restart would. A backup then copies files instead of scanning and encoding the hot
 * tier.
 *
 * <p>The links are taken while no checkpoint runs (so nothing truncates the log between reading the
 * checkpoint's position and linking the segments), after the image's LSN was fixed; later commits
 * only append past it. The links keep the bytes alive when a later checkpoint replaces the file or
 * truncates the log, and a backup exports exactly the records up to the image's LSN from them
 * ({@link io.thermocline.recovery.wal.WalExport}). Immutable once made; {@code staging} is the
 * caller's to delete.
 *
 * @param checkpoint the link of {@code checkpoint/hot.ckpt}
 * @param cid the checkpoint's commit id C0
 * @param lsn the first log record the checkpoint does not cover
 * @param imageLsn the image's LSN, the last record the backup needs
 * @param segments the linked segments holding the records {@code lsn..imageLsn}, oldest first
 */
record LinkedCheckpoint(Path checkpoint, long cid, long lsn, long imageLsn, List<Path> segments) {

  /**
   * Links the live checkpoint and the log from its LSN to {@code imageLsn} under {@code staging};
   * call it with the checkpoint lock held. Returns null (leaving nothing behind) when there is no
   * checkpoint, it is newer than the image, hard links are not possible here, or the log no longer
   * reaches back to it; the hot tier is then encoded instead.
   */
  static LinkedCheckpoint link(Database db, Path staging, long imageCid, long imageLsn) {
    Path dir = staging.resolve("live");
    try {
      HotCheckpoint.Position at = HotCheckpoint.position(db.dataDirectory());
      if (at == null || at.cid() > imageCid || at.lsn() > imageLsn + 1) {
        return null;
      }
      Files.createDirectories(dir);
      Path checkpoint = dir.resolve("hot.ckpt");
      Files.createLink(checkpoint, HotCheckpoint.file(db.dataDirectory()));
      List<Path> segments = new ArrayList<>();
      long next = at.lsn();
      for (WalSegment s : db.commitLog().wal().segments()) {
        if (next > imageLsn) {
          break;
        }
        if (s.lastLsn() < next) {
          continue;
        }
        if (s.firstLsn() > next) {
          ConsistentImage.deleteTree(dir);
          return null; // a gap: the log does not reach back to the checkpoint
        }
        Path source = Path.of(s.path());
        Path link = dir.resolve(source.getFileName());
        Files.createLink(link, source);
        segments.add(link);
        next = s.lastLsn() + 1;
      }
      if (next <= imageLsn) {
        ConsistentImage.deleteTree(dir);
        return null;
      }
      return new LinkedCheckpoint(checkpoint, at.cid(), at.lsn(), imageLsn, List.copyOf(segments));
    } catch (IOException | UnsupportedOperationException | SecurityException | ThermoException e) {
      // No hard links on this file system, or a damaged meta section: encode the hot tier.
      ConsistentImage.deleteTree(dir);
      return null;
    }
  }
}

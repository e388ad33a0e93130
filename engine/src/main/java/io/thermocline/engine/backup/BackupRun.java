package io.thermocline.engine.backup;

import io.thermocline.coldstore.ColdImage;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.Database;
import io.thermocline.recovery.backup.BackupFile;
import io.thermocline.recovery.backup.BackupKind;
import io.thermocline.recovery.backup.BackupManifest;
import io.thermocline.recovery.backup.BackupWriter;
import io.thermocline.recovery.backup.ProgressListener;
import io.thermocline.recovery.wal.WalExport;
import io.thermocline.recovery.wal.WalSegment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup of a {@link ConsistentImage} into a target. Layout inside the backup: {@code
 * checkpoint/hot.ckpt} (FULL: the hot tier at the image's id), {@code cold-meta/} (the RocksDB
 * checkpoint), {@code cold/<path>} (every Parquet file a snapshot at or after the chain's start can
 * see, relative to the cold root; a LOG backup references files an earlier backup of its chain
 * stored), {@code wal/<segment>} (LOG: the log segments holding the records after the previous
 * backup). Stateless; one call per backup.
 */
final class BackupRun {
  private static final Logger LOG = LoggerFactory.getLogger(BackupRun.class);
  static final String HOT = "checkpoint/hot.ckpt";
  static final String COLD = "cold/";
  static final String WAL = "wal/";
  static final String ATTR_COLD_CID = "cold.cid.";
  static final String ATTR_HORIZON = "horizon.";
  static final String ATTR_TIME = "commitTimeMicros";
  static final String ATTR_FULL = "full";

  /**
   * In a full backup that carries the database's own checkpoint: that checkpoint's commit id C0.
   * The backup's {@code wal/} then holds the log from its LSN ({@code fromLsn}) to the image's
   * ({@code toLsn}), the commits in (C0, id].
   */
  static final String ATTR_HOT_CID = "hot.cid";

  private BackupRun() {}

  /**
   * What one backup is of and where it goes.
   *
   * @param previous the newest backup of this database in the target (a log backup continues it)
   * @param chain the manifests of the chain back to its full backup, newest first (log backups)
   */
  record Request(
      Database db,
      ConsistentImage image,
      BackupKind kind,
      BackupTarget target,
      String label,
      String databaseId,
      BackupManifest previous,
      List<BackupManifest> chain,
      int threads,
      ProgressListener listener) {}

  /** Copies the image (and, for a log backup, the log since the previous one) into the target. */
  static BackupManifest write(Request r) {
    LinkedCheckpoint live = r.kind() == BackupKind.FULL ? r.image().linkedCheckpoint() : null;
    try {
      return writeOnce(r, live);
    } catch (CorruptFileException e) {
      if (live == null || !live.checkpoint().toString().equals(e.file())) {
        throw e;
      }
      // The copy verified the checkpoint's footer and found damage; the unfinished backup is gone.
      // A backup must not carry it into a restore: encode the hot tier from memory instead.
      LOG.warn(
          "the hot checkpoint is damaged; the backup encodes the hot tier: {}", e.getMessage());
      return writeOnce(r, null);
    }
  }

  /** One attempt; {@code live} null: the hot tier is encoded (full backups). */
  private static BackupManifest writeOnce(Request r, LinkedCheckpoint live) {
    Database db = r.db();
    ConsistentImage image = r.image();
    BackupKind kind = r.kind();
    BackupTarget target = r.target();
    BackupManifest previous = r.previous();
    List<BackupManifest> chain = r.chain();
    long now = Math.max(image.timeMicros(), System.currentTimeMillis() * 1000);
    Map<String, String> attributes = new TreeMap<>();
    attributes.put(ATTR_TIME, Long.toString(image.timeMicros()));
    long fromCid = kind == BackupKind.FULL ? image.cid() : previous.commitId();
    try (BackupWriter w =
        BackupWriter.start(
            target.io(), target.path(), kind, r.label(), now, r.threads(), r.listener())) {
      long fromLsn = 0;
      if (kind == BackupKind.FULL) {
        if (live != null) {
          addLinked(w, live);
          fromLsn = live.lsn();
          attributes.put(ATTR_HOT_CID, Long.toString(live.cid()));
        } else if (target.io() instanceof LocalFileIO) {
          // Written in place, overlapping the cold copies, instead of staged and copied.
          w.produce(HOT, (io, dest) -> image.writeHotCheckpoint(io, Path.of(dest)));
        } else {
          Path hot = image.writeHotCheckpoint(image.staging().resolve(HOT));
          w.add(LocalFileIO.INSTANCE, hot.toString(), HOT, Long.MAX_VALUE, size(hot));
        }
        attributes.put(ATTR_FULL, "");
      } else {
        fromLsn = previous.toLsn() + 1;
        addLog(db, w, fromLsn, image.lsn());
        attributes.put(ATTR_FULL, chain.get(chain.size() - 1).id());
      }
      // Listing opens the metadata copy, which changes its files: list before adding them.
      ColdImage.Listing cold = image.coldListing();
      addColdMeta(w, image.coldMetadata());
      for (ColdImage.ImageTable t : cold.tables()) {
        attributes.put(ATTR_HORIZON + t.name(), Long.toString(t.horizon()));
      }
      addColdFiles(db, w, cold, fromCid, chain, attributes);
      return w.finish(
          image.cid(),
          now,
          r.databaseId(),
          previous == null ? null : previous.id(),
          fromLsn,
          image.lsn(),
          attributes);
    }
  }

  /**
   * The live checkpoint as the backup's, and the log records after it up to the image as one
   * exported segment (none if the checkpoint is at the image's id).
   */
  private static void addLinked(BackupWriter w, LinkedCheckpoint live) {
    // Its footer checksum is verified from the bytes the copy hashes anyway (no second read).
    w.add(
        LocalFileIO.INSTANCE,
        live.checkpoint().toString(),
        HOT,
        Long.MAX_VALUE,
        size(live.checkpoint()),
        true);
    if (live.imageLsn() < live.lsn()) {
      return;
    }
    List<String> sources = live.segments().stream().map(Path::toString).toList();
    // Written straight into the target (hashed while written on a local one, read back elsewhere).
    w.produce(
        WAL + WalExport.fileName(live.lsn()),
        (io, dest) ->
            WalExport.write(LocalFileIO.INSTANCE, sources, live.lsn(), live.imageLsn(), io, dest));
  }

  private static void addColdMeta(BackupWriter w, Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (Files.isRegularFile(f)) {
          w.add(
              LocalFileIO.INSTANCE,
              f.toString(),
              ConsistentImage.COLD_META + "/" + f.getFileName(),
              Long.MAX_VALUE,
              Files.size(f));
        }
      }
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot list the cold metadata copy " + dir + ": " + e, e);
    }
  }

  private static void addColdFiles(
      Database db,
      BackupWriter w,
      ColdImage.Listing cold,
      long fromCid,
      List<BackupManifest> chain,
      Map<String, String> attributes) {
    URI root = db.coldStore().root();
    FileIO io;
    String rootPath;
    if ("file".equalsIgnoreCase(root.getScheme())) {
      io = LocalFileIO.INSTANCE;
      rootPath = Path.of(root).toString();
    } else {
      io = db.coldStore().fileIO();
      String r = root.toString();
      rootPath = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    }
    Map<String, BackupFile> stored = new HashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      BackupManifest m = chain.get(i);
      for (BackupFile f : m.files()) {
        String cid = m.attribute(ATTR_COLD_CID + f.path(), null);
        if (cid != null) {
          stored.put(f.path() + "@" + cid, f);
        }
      }
    }
    for (ColdImage.ImageFile f : cold.files()) {
      if (!f.neededFrom(fromCid)) {
        continue; // retired before the chain starts: no restorable snapshot sees it
      }
      String path = COLD + f.path();
      attributes.put(ATTR_COLD_CID + path, Long.toString(f.createCid()));
      BackupFile earlier = stored.get(path + "@" + f.createCid());
      if (earlier != null && earlier.size() == f.sizeBytes()) {
        w.reference(earlier);
      } else {
        w.add(io, io.resolve(rootPath, f.path()), path, Long.MAX_VALUE, f.sizeBytes());
      }
    }
  }

  /** Adds the log segments holding LSNs {@code from..to}. */
  private static void addLog(Database db, BackupWriter w, long from, long to) {
    if (to < from) {
      return;
    }
    List<WalSegment> segments = db.commitLog().wal().segments();
    if (segments.isEmpty() || segments.get(0).firstLsn() > from) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "the log from LSN "
              + from
              + " is gone (a checkpoint dropped it before a log backup copied it): take a full"
              + " backup to start a new chain");
    }
    for (WalSegment s : segments) {
      if (s.lastLsn() >= from && s.firstLsn() <= to) {
        Path p = Path.of(s.path());
        String name = p.getFileName().toString();
        // The active segment grows while it is copied: its length now bounds the copy.
        long length = size(p);
        w.add(LocalFileIO.INSTANCE, s.path(), WAL + name, length, length);
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.IO_ERROR, "cannot read the size of " + p + ": " + e, e);
    }
  }
}

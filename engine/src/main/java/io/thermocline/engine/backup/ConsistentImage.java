package io.thermocline.engine.backup;

import io.thermocline.coldstore.ColdImage;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.HotCheckpoint;
import io.thermocline.engine.table.HybridTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Both tiers of a database fixed at one commit id while writers and moves go on. Under the commit
 * lock (no commit in progress, so every tier and the catalog are exactly at the newest published
 * id) it registers that id as a snapshot, notes the log position and takes a RocksDB checkpoint of
 * the cold metadata into a staging directory; the lock is held for the checkpoint only (a memtable
 * flush and hard links). For a full backup it holds the database's checkpoint lock around all of
 * this and, after the commit lock, links the live hot checkpoint and the log after it up to the id
 * ({@link LinkedCheckpoint}), which the backup carries instead of the hot rows; without one, hot
 * rows are read at the id into a checkpoint file. Cold files stay on disk, since compaction deletes
 * only files retired at or before the oldest live snapshot and not pinned, and the image pins every
 * file its copy lists (a compaction that started before the image may retire, at an id at or below
 * the image's, a file the copy still references).
 *
 * <p>Used by one thread. {@link #close} releases the snapshot (unless {@link #keepSnapshot} handed
 * it over) and deletes the staging directory.
 */
final class ConsistentImage implements AutoCloseable {
  static final String COLD_META = "cold-meta";

  private final Database db;
  private final long cid;
  private final long lsn;
  private final long timeMicros;
  private final List<HybridTable> hotTables;
  private final Path staging;
  private final ColdImage.Pins pins;
  private boolean snapshotKept;
  private LinkedCheckpoint linked;

  private ConsistentImage(
      Database db,
      long cid,
      long lsn,
      long timeMicros,
      List<HybridTable> hot,
      Path staging,
      ColdImage.Pins pins) {
    this.db = db;
    this.cid = cid;
    this.lsn = lsn;
    this.timeMicros = timeMicros;
    this.hotTables = hot;
    this.staging = staging;
    this.pins = pins;
  }

  /**
   * Fixes the image; the cold metadata copy is in {@link #coldMetadata()}.
   *
   * @param hot whether the hot tier is wanted (a full backup), so the live checkpoint is linked
   */
  static ConsistentImage take(Database db, boolean hot) {
    Path staging =
        db.dataDirectory()
            .resolve(DatabaseIdentity.DIRECTORY)
            .resolve("staging-" + System.nanoTime());
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot create the backup staging directory " + staging, e);
    }
    try {
      return hot ? db.whileCheckpointLocked(() -> fix(db, staging, true)) : fix(db, staging, false);
    } catch (RuntimeException | Error e) {
      deleteTree(staging);
      throw e;
    }
  }

  /**
   * With no checkpoint running: fixes the id under the commit lock, then links the live checkpoint
   * and its log (outside the commit lock; later commits only append to the active segment).
   */
  private static ConsistentImage fix(Database db, Path staging, boolean linkHot) {
    ConsistentImage image =
        db.whileCommitLocked(
            () -> {
              long cid = db.pinSnapshot();
              try {
                List<HybridTable> hot = new ArrayList<>();
                for (TableDefinition d : db.tables()) {
                  HybridTable t = db.table(d.name());
                  if (t.hasHot()) {
                    hot.add(t);
                  }
                }
                ColdImage.Pins pins =
                    ColdImage.checkpoint(db.coldStore(), staging.resolve(COLD_META));
                long lsn = db.commitLog().acknowledgedLsn();
                long time = Math.max(db.commitLog().lastTimeMicros(), 0);
                return new ConsistentImage(db, cid, lsn, time, hot, staging, pins);
              } catch (RuntimeException | Error e) {
                db.releaseSnapshot(cid);
                throw e;
              }
            });
    try {
      image.linked = linkHot ? LinkedCheckpoint.link(db, staging, image.cid, image.lsn) : null;
      return image;
    } catch (RuntimeException | Error e) {
      image.close();
      throw e;
    }
  }

  long cid() {
    return cid;
  }

  /** The last log sequence number at the image: every record after it is a later commit. */
  long lsn() {
    return lsn;
  }

  /** The log's newest time stamp at the image (the commit time of {@link #cid()}, or earlier). */
  long timeMicros() {
    return timeMicros;
  }

  Path staging() {
    return staging;
  }

  Path coldMetadata() {
    return staging.resolve(COLD_META);
  }

  /**
   * The data directory's checkpoint and the log after it up to the image, linked; null if the hot
   * tier must be encoded (see {@link LinkedCheckpoint#link}).
   */
  LinkedCheckpoint linkedCheckpoint() {
    return linked;
  }

  /**
   * Writes the hot rows at the image's id into {@code file} (a {@code .../checkpoint/hot.ckpt}), as
   * a checkpoint whose log starts at LSN 1 (a restored database starts a new log); returns it.
   */
  Path writeHotCheckpoint(Path file) {
    return writeHotCheckpoint(LocalFileIO.INSTANCE, file);
  }

  /** {@link #writeHotCheckpoint(Path)} through {@code io}, a view of the local disk. */
  Path writeHotCheckpoint(FileIO io, Path file) {
    Path dataDirectory = file.getParent().getParent();
    if (!HotCheckpoint.file(dataDirectory).equals(file)) {
      throw new IllegalArgumentException("a hot checkpoint lives at checkpoint/hot.ckpt: " + file);
    }
    HotCheckpoint.write(io, dataDirectory, cid, 1, 0, hotTables);
    return file;
  }

  /** The cold tables and files of the metadata copy. */
  ColdImage.Listing coldListing() {
    return ColdImage.list(coldMetadata());
  }

  /** Leaves the snapshot registered: the caller releases it with {@code db.releaseSnapshot}. */
  void keepSnapshot() {
    snapshotKept = true;
  }

  @Override
  public void close() {
    try {
      pins.close();
      if (!snapshotKept) {
        db.releaseSnapshot(cid);
      }
    } finally {
      deleteTree(staging);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover staging directory is removed when the next database opens.
    }
  }
}

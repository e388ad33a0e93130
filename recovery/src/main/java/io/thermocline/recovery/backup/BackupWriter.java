package io.thermocline.recovery.backup;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.FooterCheck;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Writes one backup directory {@code <target>/<id>/}: files are queued with {@link #add}, copied by
 * {@link #finish} on a few threads while their SHA-256 is computed (one read of each source, one
 * write of each copy), and the manifest is written last, atomically, after every file is fsynced: a
 * directory without {@code manifest.thrm} is an unfinished backup. On a local target the fsyncs run
 * on their own threads while the next files are copied. {@link #close} without a successful {@link
 * #finish} deletes what was written.
 *
 * <p>Concurrency: one thread builds and finishes a writer; the copies run on a private pool of
 * {@code threads} threads that ends with {@link #finish}.
 */
public final class BackupWriter implements AutoCloseable {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern SAFE_LABEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final FileIO io;
  private final String target;
  private final String id;
  private final String directory;
  private final BackupKind kind;
  private final String label;
  private final int threads;
  private final Progress progress;
  private final List<Job> jobs = new ArrayList<>();
  private final List<BackupFile> referenced = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();
  private final Set<String> directories = new HashSet<>();
  private boolean finished;

  private record Job(
      FileIO sourceIo,
      String source,
      String path,
      long limit,
      Producer producer,
      boolean checkFooter) {}

  /**
   * Writes a file straight into the backup (no staging copy). On a local target it gets a {@link
   * HashingFileIO}: the file is hashed while written and its fsyncs are deferred; elsewhere the
   * writer reads it back to hash it.
   */
  @FunctionalInterface
  public interface Producer {
    /**
     * Writes and fsyncs the file at {@code destination}, a path in {@code io}'s namespace, through
     * {@code io} (and only through it: what bypasses it is neither hashed nor synced).
     */
    void write(FileIO io, String destination) throws IOException;
  }

  private BackupWriter(
      FileIO io,
      String target,
      String id,
      BackupKind kind,
      String label,
      int threads,
      ProgressListener listener) {
    this.io = io;
    this.target = target;
    this.id = id;
    this.directory = io.resolve(target, id);
    this.kind = kind;
    this.label = label;
    this.threads = Math.max(1, threads);
    this.progress = new Progress(listener, 0);
  }

  /**
   * Creates the backup directory under {@code target} (created if missing).
   *
   * @param nowMicros the wall-clock time that names the backup
   * @param label a user's name for it; if it is a plain word it also ends the id
   */
  public static BackupWriter start(
      FileIO io,
      String target,
      BackupKind kind,
      String label,
      long nowMicros,
      int threads,
      ProgressListener listener) {
    String base =
        ID_TIME.format(Instant.ofEpochSecond(0, nowMicros * 1000))
            + "-"
            + kind.name().toLowerCase(Locale.ROOT);
    if (label != null && SAFE_LABEL.matcher(label).matches()) {
      base += "-" + label;
    }
    try {
      io.mkdirs(target);
      String id = base;
      for (int i = 2; io.exists(io.resolve(target, id)); i++) {
        id = base + "-" + i;
      }
      io.mkdirs(io.resolve(target, id));
      return new BackupWriter(io, target, id, kind, label, threads, listener);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot create a backup in " + target + ": " + e.getMessage(), e);
    }
  }

  public String id() {
    return id;
  }

  /** The backup's own directory. */
  public String directory() {
    return directory;
  }

  public Progress progress() {
    return progress;
  }

  /**
   * Queues a copy of {@code source} (at most {@code limit} bytes: a log segment still being
   * appended is copied up to a known length) as {@code path} inside the backup.
   *
   * @param expectedBytes the size to count in the progress total
   */
  public void add(FileIO sourceIo, String source, String path, long limit, long expectedBytes) {
    add(sourceIo, source, path, limit, expectedBytes, false);
  }

  /**
   * {@link #add(FileIO, String, String, long, long)}; with {@code checkFooter} the source is a
   * {@link io.thermocline.common.format.FileFormat} file whose footer checksum is verified from the
   * bytes the copy hashes: damage fails the backup with a {@link
   * io.thermocline.common.error.CorruptFileException} naming the source, never lands in it.
   */
  public void add(
      FileIO sourceIo,
      String source,
      String path,
      long limit,
      long expectedBytes,
      boolean checkFooter) {
    checkPath(path);
    jobs.add(new Job(sourceIo, source, path, limit, null, checkFooter));
    progress.addTotal(expectedBytes);
  }

  /**
   * Queues a file {@code producer} writes directly as {@code path} inside the backup (it starts
   * first, so it overlaps the copies queued after it).
   */
  public void produce(String path, Producer producer) {
    checkPath(path);
    jobs.add(0, new Job(null, null, path, Long.MAX_VALUE, producer, false));
  }

  /** Lists a file an earlier backup of the chain stores already (an immutable cold file). */
  public void reference(BackupFile earlier) {
    checkPath(earlier.path());
    referenced.add(earlier);
  }

  private void checkPath(String path) {
    if (!paths.add(path) || path.equals(ManifestCodec.FILE_NAME)) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "backup " + id + " names the file " + path + " twice");
    }
  }

  /**
   * Copies every queued file, then writes the manifest; returns it. The backup is complete once
   * this returns.
   */
  public BackupManifest finish(
      long commitId,
      long createdMicros,
      String database,
      String previous,
      long fromLsn,
      long toLsn,
      Map<String, String> attributes) {
    List<BackupFile> files = new ArrayList<>(referenced);
    files.addAll(copyAll());
    BackupManifest m =
        new BackupManifest(
            id,
            kind,
            label,
            commitId,
            createdMicros,
            database,
            previous,
            fromLsn,
            toLsn,
            files,
            attributes);
    try {
      ManifestCodec.write(io, io.resolve(directory, ManifestCodec.FILE_NAME), m);
      io.syncDirectory(target);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "writing the manifest of backup " + id + " in " + target + " failed: " + e.getMessage(),
          e);
    }
    progress.finish();
    finished = true;
    return m;
  }

  private List<BackupFile> copyAll() {
    for (Job j : jobs) {
      String parent = io.parent(io.resolve(directory, j.path()));
      if (directories.add(parent)) {
        try {
          io.mkdirs(parent);
        } catch (IOException e) {
          throw new ThermoException(
              ErrorCode.IO_ERROR, "cannot create " + parent + ": " + e.getMessage(), e);
        }
      }
    }
    List<BackupFile> out = new ArrayList<>();
    DeferredSync sync = io instanceof LocalFileIO ? new DeferredSync(threads, id) : null;
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(threads, Math.max(1, jobs.size())),
            r -> {
              Thread t = new Thread(r, "thermo-backup-copy " + id);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<BackupFile>> futures = new ArrayList<>();
      for (Job j : jobs) {
        futures.add(pool.submit(() -> copyOne(j, sync)));
      }
      for (Future<BackupFile> f : futures) {
        out.add(f.get());
      }
      if (sync != null) {
        for (String d : directories) {
          sync.syncDirectory(d);
        }
        sync.syncDirectory(directory);
        sync.await();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ThermoException t) {
        throw t;
      }
      throw new ThermoException(ErrorCode.INTERNAL, "backup " + id + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThermoException(ErrorCode.IO_ERROR, "backup " + id + " was interrupted", e);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "backup " + id + ": syncing " + directory + " failed: " + e, e);
    } finally {
      progress.cancel();
      pool.shutdownNow();
      awaitQuietly(pool);
      if (sync != null) {
        sync.close();
      }
    }
    return out;
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private BackupFile copyOne(Job j, DeferredSync sync) {
    String dest = io.resolve(directory, j.path());
    try {
      HashingCopy.Result r;
      if (j.producer() != null) {
        r = produceOne(j.producer(), dest, sync);
      } else {
        FooterCheck check = j.checkFooter() ? new FooterCheck(j.source()) : null;
        r = HashingCopy.copy(j.sourceIo(), j.source(), io, dest, j.limit(), progress, sync, check);
      }
      return new BackupFile(j.path(), r.size(), r.sha256(), id);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "backup "
              + id
              + ": "
              + (j.source() == null ? "writing " : "copying " + j.source() + " to ")
              + dest
              + " failed: "
              + e.getMessage(),
          e);
    }
  }

  private HashingCopy.Result produceOne(Producer producer, String dest, DeferredSync sync)
      throws IOException {
    if (sync != null) {
      HashingFileIO hashing = new HashingFileIO(sync);
      producer.write(hashing, dest);
      HashingCopy.Result r = hashing.result(dest);
      if (r != null) {
        progress.addTotal(r.size());
        progress.advance(r.size());
        return r;
      }
    } else {
      producer.write(io, dest);
    }
    // Written around the hashing view (or to a remote target): read it back once.
    progress.addTotal(io.length(dest));
    HashingCopy.Result r = HashingCopy.hash(io, dest, progress);
    if (sync != null) {
      sync.syncFile(dest);
    }
    return r;
  }

  /** Deletes the unfinished backup (best effort: a leftover is listed as INCOMPLETE). */
  @Override
  public void close() {
    if (!finished) {
      BackupCatalog.deleteTree(io, directory);
    }
  }
}

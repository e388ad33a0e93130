package io.thermocline.testkit.io;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link FaultInjectingFileIO} knows about durability: per file written through it, the length
 * known to be on stable storage (set by fsync) and, for a file re-created over an old one, the old
 * durable content; per directory, the creates, renames and deletes not yet made durable by a
 * directory fsync, with a copy of any content they replaced or removed (files up to {@link
 * #BACKUP_LIMIT}). {@link #crash} rolls all of that back. Not thread-safe: the owner calls it under
 * its lock.
 */
final class DurabilityTracker {
  /** Larger replaced or deleted files are not backed up; their removal survives a crash. */
  static final int BACKUP_LIMIT = 16 << 20;

  private final FileIO io;
  private final Map<String, FileState> files = new HashMap<>();
  private final List<PendingOp> pending = new ArrayList<>();

  /** An I/O step run between the bookkeeping before and after it. */
  @FunctionalInterface
  interface IoStep<T> {
    T run() throws IOException;
  }

  private static final class FileState {
    long durable;

    /** Durable content of the file this one replaced by re-creating it; null once synced. */
    byte[] preimage;

    boolean preimageLost;

    FileState(long durable) {
      this.durable = durable;
    }
  }

  private enum Kind {
    CREATE,
    RENAME,
    DELETE
  }

  private static final class PendingOp {
    final Kind kind;
    final String path;
    final String target;
    final byte[] backup;
    final Set<String> directories = new LinkedHashSet<>();

    PendingOp(Kind kind, String path, String target, byte[] backup) {
      this.kind = kind;
      this.path = path;
      this.target = target;
      this.backup = backup;
    }

    @Override
    public String toString() {
      return kind + " " + path + (target == null ? "" : " -> " + target);
    }
  }

  DurabilityTracker(FileIO io) {
    this.io = io;
  }

  <T> T create(String path, IoStep<T> step) throws IOException {
    boolean existed = io.exists(path);
    byte[] preimage = existed ? durableContent(path) : null;
    T result = step.run();
    FileState state = new FileState(0);
    if (existed) {
      state.preimage = preimage;
      state.preimageLost = preimage == null;
    } else {
      addPending(new PendingOp(Kind.CREATE, path, null, null), io.parent(path));
    }
    files.put(path, state);
    return result;
  }

  <T> T append(String path, IoStep<T> step) throws IOException {
    T result = step.run();
    if (!files.containsKey(path)) {
      files.put(path, new FileState(io.length(path)));
    }
    return result;
  }

  void synced(String path, long length) {
    FileState s = files.get(path);
    if (s != null) {
      s.durable = length;
      s.preimage = null;
      s.preimageLost = false;
    }
  }

  void truncated(String path, long length) {
    // FileIO.truncate is durable on return (LocalFileIO forces it).
    synced(path, length);
  }

  void rename(String source, String target, IoStep<Void> step) throws IOException {
    byte[] replaced = io.exists(target) ? durableContent(target) : null;
    step.run();
    files.remove(target);
    FileState moved = files.remove(source);
    if (moved != null) {
      files.put(target, moved);
    }
    addPending(
        new PendingOp(Kind.RENAME, source, target, replaced), io.parent(source), io.parent(target));
  }

  void delete(String path, IoStep<Void> step) throws IOException {
    if (!io.exists(path)) {
      step.run();
      return;
    }
    byte[] content = durableContent(path);
    step.run();
    files.remove(path);
    addPending(new PendingOp(Kind.DELETE, path, null, content), io.parent(path));
  }

  void directorySynced(String directory) {
    String dir = normalize(directory);
    for (PendingOp op : pending) {
      op.directories.remove(dir);
    }
    pending.removeIf(op -> op.directories.isEmpty());
  }

  /** Paths with content or directory entries that a crash would lose. */
  Set<String> unsynced() throws IOException {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, FileState> e : files.entrySet()) {
      FileState s = e.getValue();
      if (s.preimage != null
          || s.preimageLost
          || io.exists(e.getKey()) && io.length(e.getKey()) > s.durable) {
        out.add(e.getKey());
      }
    }
    for (PendingOp op : pending) {
      out.add(op.target != null ? op.target : op.path);
    }
    return out;
  }

  /**
   * Rolls back what was not durable: pending directory operations in reverse order, then each
   * file's content to its durable length (plus a random prefix of the lost bytes when {@code
   * random} is given: a torn write). Returns what it did, for test logs.
   */
  List<String> crash(Random random) throws IOException {
    List<String> log = new ArrayList<>();
    for (int i = pending.size() - 1; i >= 0; i--) {
      undo(pending.get(i), log);
    }
    for (Map.Entry<String, FileState> e : files.entrySet()) {
      String path = e.getKey();
      FileState s = e.getValue();
      if (!io.exists(path)) {
        continue;
      }
      if (s.preimage != null) {
        write(path, s.preimage);
        log.add("restored the old content of re-created " + path);
        continue;
      }
      long length = io.length(path);
      if (length > s.durable) {
        long keep =
            s.durable
                + (random == null ? 0 : (long) (random.nextDouble() * (length - s.durable + 1)));
        keep = Math.min(keep, length);
        if (keep < length) {
          io.truncate(path, keep);
          log.add(
              "cut "
                  + path
                  + " from "
                  + length
                  + " to "
                  + keep
                  + " bytes (synced: "
                  + s.durable
                  + ")");
        }
      }
    }
    files.clear();
    pending.clear();
    return log;
  }

  private void undo(PendingOp op, List<String> log) throws IOException {
    switch (op.kind) {
      case CREATE -> {
        files.remove(op.path);
        io.delete(op.path);
        log.add("undid create of " + op.path);
      }
      case RENAME -> {
        if (!io.exists(op.target)) {
          log.add("could not undo " + op + ": target gone");
          return;
        }
        io.rename(op.target, op.path);
        FileState moved = files.remove(op.target);
        if (moved != null) {
          files.put(op.path, moved);
        }
        if (op.backup != null) {
          write(op.target, op.backup);
        }
        log.add("undid " + op + (op.backup != null ? ", restored the replaced file" : ""));
      }
      case DELETE -> {
        if (op.backup != null) {
          write(op.path, op.backup);
          log.add("undid delete of " + op.path);
        } else {
          log.add("could not undo delete of " + op.path + ": larger than the backup limit");
        }
      }
    }
  }

  private void addPending(PendingOp op, String... directories) {
    for (String d : directories) {
      op.directories.add(normalize(d));
    }
    pending.add(op);
  }

  private static String normalize(String dir) {
    return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }

  /** What of the file would survive a crash now, or null if larger than the backup limit. */
  private byte[] durableContent(String path) throws IOException {
    FileState s = files.get(path);
    if (s != null && s.preimage != null) {
      return s.preimage;
    }
    long length = io.length(path);
    long durable = s == null ? length : Math.min(s.durable, length);
    if (durable > BACKUP_LIMIT) {
      return null;
    }
    byte[] b = new byte[(int) durable];
    try (ReadableFile in = io.open(path)) {
      in.readFully(0, b, 0, b.length);
    }
    return b;
  }

  private void write(String path, byte[] content) throws IOException {
    try (WritableFile out = io.create(path)) {
      out.write(content, 0, content.length);
      out.sync();
    }
  }
}

package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The directory layout of a table under the cold root ({@code t<id>_<name>/<partition>/f<fileId>
 * .parquet}, temporary files {@code _f<fileId>.parquet.tmp}) and the sweeps over it: orphan
 * deletion at open and directory removal on drop. Deletion failures are swallowed: a file that
 * survives is an orphan again at the next open, and never visible. Stateless.
 */
final class TableFiles {
  private TableFiles() {}

  /** The smallest key greater than every key starting with {@code prefix}. */
  static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xFF) {
        end[i]++;
        return Arrays.copyOf(end, i + 1);
      }
    }
    throw new IllegalArgumentException("prefix of only 0xFF bytes has no end");
  }

  /**
   * Deletes every file under the table directory that no manifest entry references. Returns the
   * largest file id seen in any name there (or 0), so new ids never collide with an orphan whose
   * deletion failed.
   */
  static long deleteOrphans(ColdStore store, String directoryName, List<FileEntry> files) {
    FileSystem fs = store.fileSystem();
    Path dir = new Path(store.rootPath(), directoryName);
    Set<Path> referenced = new HashSet<>();
    for (FileEntry f : files) {
      referenced.add(new Path(store.rootPath(), f.path()));
    }
    long maxId = 0;
    try {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        Path p = fs.makeQualified(it.next().getPath());
        maxId = Math.max(maxId, fileId(p.getName()));
        if (!referenced.contains(p)) {
          deleteQuietly(fs, p);
        }
      }
    } catch (FileNotFoundException e) {
      // no directory yet: nothing was ever written
    } catch (IOException e) {
      // an unreachable root fails loudly on first use; the sweep is best effort
    }
    return maxId;
  }

  /** The id in {@code f<id>.parquet} or {@code _f<id>.parquet.tmp}, or 0. */
  static long fileId(String name) {
    int start = name.startsWith("_f") ? 2 : name.startsWith("f") ? 1 : -1;
    int end = name.indexOf(".parquet");
    if (start < 0 || end <= start) {
      return 0;
    }
    try {
      return Long.parseLong(name.substring(start, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static void deleteDirectory(ColdStore store, String directoryName) {
    try {
      store.fileSystem().delete(new Path(store.rootPath(), directoryName), true);
    } catch (IOException e) {
      // leftovers are not referenced by any manifest entry
    }
  }

  static boolean deleteQuietly(FileSystem fs, Path p) {
    try {
      fs.delete(p, false);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

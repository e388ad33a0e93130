package io.thermocline.common.io;

import java.io.IOException;
import java.util.List;

/**
 * The one facade through which Thermocline touches files, local or remote (DESIGN.md section 1).
 * Paths are strings in the implementation's namespace: absolute local paths for {@link
 * LocalFileIO}, URIs for a Hadoop FileSystem. Tests wrap an implementation to fail an open, a
 * write, an fsync or a rename on demand, or to corrupt bytes, without touching production code.
 *
 * <p>Implementations are thread-safe; the handles they return are used by one thread at a time.
 */
public interface FileIO {

  /** Creates (or truncates) a file for writing. Parent directories must exist. */
  WritableFile create(String path) throws IOException;

  /** Opens an existing file for appending at its end. */
  WritableFile append(String path) throws IOException;

  /** Opens an existing file for positional reads. */
  ReadableFile open(String path) throws IOException;

  boolean exists(String path) throws IOException;

  long length(String path) throws IOException;

  /** Names (not paths) of the entries of a directory, sorted; empty if it does not exist. */
  List<String> list(String directory) throws IOException;

  void mkdirs(String directory) throws IOException;

  /** Deletes a file or an empty directory; no error if it is absent. */
  void delete(String path) throws IOException;

  /** Renames atomically, replacing {@code target} if it exists. */
  void rename(String source, String target) throws IOException;

  /** Makes a directory's entries (creates, renames, deletes) durable. */
  void syncDirectory(String directory) throws IOException;

  /** Cuts a file to {@code length} bytes (a torn log tail). */
  void truncate(String path, long length) throws IOException;

  /** The path of {@code name} inside {@code directory}. */
  default String resolve(String directory, String name) {
    return directory.endsWith("/") ? directory + name : directory + "/" + name;
  }

  /** The directory part of a path. */
  default String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /**
   * Replaces {@code path} atomically with {@code content}: write a temporary file, fsync it, rename
   * it over the target, fsync the directory. After a crash the target holds the old or the new
   * content, never a mix.
   */
  default void writeAtomically(String path, byte[] content) throws IOException {
    String tmp = path + ".tmp";
    try (WritableFile out = create(tmp)) {
      out.write(content, 0, content.length);
      out.sync();
    }
    rename(tmp, path);
    syncDirectory(parent(path));
  }

  /** Reads a whole file (small files only: manifests, checkpoints of catalogs). */
  default byte[] readAll(String path) throws IOException {
    try (ReadableFile in = open(path)) {
      long len = in.length();
      if (len > Integer.MAX_VALUE - 16) {
        throw new IOException("file too large to read whole: " + path + " (" + len + " bytes)");
      }
      byte[] b = new byte[(int) len];
      in.readFully(0, b, 0, b.length);
      return b;
    }
  }
}

package io.thermocline.engine.backup;

import io.thermocline.coldstore.fs.ColdFileSystems;
import io.thermocline.coldstore.fs.HadoopFileIO;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A place backups live: a local directory (a path or a {@code file:} URI) or any Hadoop file system
 * URI ({@code hdfs://}, {@code s3a://}), with the {@link FileIO} that reaches it. Owns the Hadoop
 * client it opened; close it after use. One thread at a time.
 */
public final class BackupTarget implements AutoCloseable {
  private final FileIO io;
  private final String path;
  private final FileSystem fs;

  private BackupTarget(FileIO io, String path, FileSystem fs) {
    this.io = io;
    this.path = path;
    this.fs = fs;
  }

  /** Opens {@code location}; a plain path is local (made absolute). */
  public static BackupTarget open(String location) {
    if (location == null || location.isBlank()) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "a backup target must be named");
    }
    String l = location.trim();
    int scheme = l.indexOf("://");
    if (scheme < 0 && !l.startsWith("file:")) {
      return new BackupTarget(LocalFileIO.INSTANCE, local(Path.of(l)), null);
    }
    URI uri = URI.create(l);
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      return new BackupTarget(LocalFileIO.INSTANCE, local(Path.of(uri)), null);
    }
    try {
      FileSystem fs = ColdFileSystems.open(uri, new Configuration());
      String p = l.endsWith("/") ? l.substring(0, l.length() - 1) : l;
      return new BackupTarget(new HadoopFileIO(fs), p, fs);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot reach the backup target " + l + ": " + e.getMessage(), e);
    }
  }

  private static String local(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /** Whether this is a local directory inside {@code dataDirectory} (never allowed). */
  boolean isInside(Path dataDirectory) {
    return fs == null && Path.of(path).startsWith(dataDirectory.toAbsolutePath().normalize());
  }

  public FileIO io() {
    return io;
  }

  /** The target's root in {@link #io()}'s namespace. */
  public String path() {
    return path;
  }

  @Override
  public void close() {
    if (fs != null) {
      try {
        fs.close();
      } catch (IOException e) {
        // Nothing is pending on a closed client: the backup's files were synced before.
      }
    }
  }

  @Override
  public String toString() {
    return path;
  }
}

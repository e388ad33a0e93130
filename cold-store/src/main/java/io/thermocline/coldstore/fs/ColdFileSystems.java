package io.thermocline.coldstore.fs;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Opens the Hadoop file system of a cold root URI. Local roots use {@link RawLocalFileSystem}
 * rather than Hadoop's checksummed local file system: Parquet pages carry their own CRCs and the
 * manifest checksums each file's footer, so {@code .crc} side files would only double the file
 * count, and the checksummed stream silently turns {@code hsync} into a flush. Other schemes get a
 * fresh, uncached instance the cold store owns and closes. Stateless.
 */
public final class ColdFileSystems {
  private ColdFileSystems() {}

  public static FileSystem open(URI root, Configuration conf) throws IOException {
    String scheme = root.getScheme();
    if (scheme == null || "file".equals(scheme)) {
      RawLocalFileSystem raw = new RawLocalFileSystem();
      raw.initialize(URI.create("file:///"), conf);
      return raw;
    }
    return FileSystem.newInstance(root, conf);
  }
}

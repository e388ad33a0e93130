package io.thermocline.coldstore.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Directory fsync where the file system is a local disk. Hadoop's API has no directory sync: on
 * HDFS a rename is durable in the NameNode's edit log once it returns, but on a local disk a rename
 * lives in the directory's inode until that is fsynced. Stateless.
 */
public final class LocalDirectories {
  private LocalDirectories() {}

  public static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getUri().getScheme());
  }

  public static void syncIfLocal(FileSystem fs, Path dir) throws IOException {
    if (!isLocal(fs)) {
      return;
    }
    java.nio.file.Path local =
        java.nio.file.Path.of(Path.getPathWithoutSchemeAndAuthority(dir).toString());
    try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms cannot open a directory; Linux can, and that is where it matters
      if (!Files.isDirectory(local)) {
        throw e;
      }
    }
  }
}

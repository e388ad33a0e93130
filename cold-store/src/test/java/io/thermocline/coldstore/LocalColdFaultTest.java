package io.thermocline.coldstore;

import io.thermocline.coldstore.fs.ColdFileSystems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The fault tests on the local disk. */
class LocalColdFaultTest extends ColdFaultContract {
  private static FileSystem fs;
  @TempDir static Path roots;

  @BeforeAll
  static void openFileSystem() throws IOException {
    fs = ColdFileSystems.open(URI.create("file:///"), new Configuration());
  }

  @AfterAll
  static void closeFileSystem() throws IOException {
    fs.close();
  }

  @Override
  protected FileSystem baseFileSystem() {
    return fs;
  }

  @Override
  protected URI newRoot() {
    try {
      return Files.createTempDirectory(roots, "root").toUri();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

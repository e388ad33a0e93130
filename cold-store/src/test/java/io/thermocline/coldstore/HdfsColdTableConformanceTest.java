package io.thermocline.coldstore;

import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.scan.TierFixture;
import io.thermocline.testkit.scan.TierScanConformanceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shared scan conformance suite with the cold root on {@code hdfs://} (MiniDFSCluster). */
@ExtendWith(MiniHdfs.class)
class HdfsColdTableConformanceTest extends TierScanConformanceTest {
  @TempDir Path dir;

  @Override
  protected TierFixture createFixture(Schema schema) {
    try {
      Path local = Files.createTempDirectory(dir, "cold");
      return new ColdTierFixture(
          ColdStoreOptions.of(local)
              .withFileSystem(MiniHdfs.fileSystem(), MiniHdfs.newRoot("conformance"))
              .withConfig(ColdTierFixture.smallFiles()),
          schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.thermocline.coldstore;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cold store contract with the root on {@code hdfs://} (MiniDFSCluster). */
@ExtendWith(MiniHdfs.class)
class HdfsColdStoreTest extends ColdStoreContract {
  @Override
  protected ColdStoreOptions options(Path localDir) {
    return ColdStoreOptions.of(localDir)
        .withFileSystem(MiniHdfs.fileSystem(), MiniHdfs.newRoot("contract"));
  }
}

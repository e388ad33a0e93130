package io.thermocline.coldstore;

import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fault tests with the root on {@code hdfs://} (MiniDFSCluster). */
@ExtendWith(MiniHdfs.class)
class HdfsColdFaultTest extends ColdFaultContract {
  @Override
  protected FileSystem baseFileSystem() {
    return MiniHdfs.fileSystem();
  }

  @Override
  protected URI newRoot() {
    return MiniHdfs.newRoot("faults");
  }
}

package io.thermocline.coldstore;

import io.thermocline.coldstore.fs.HadoopFileIO;
import io.thermocline.coldstore.fs.HadoopFileIOTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link HadoopFileIO} honours the FileIO contract on HDFS (MiniDFSCluster). */
@ExtendWith(MiniHdfs.class)
class HdfsFileIOTest {
  @Test
  void hdfsHonoursTheFileIOContract() throws Exception {
    HadoopFileIOTestAccess.check(
        new HadoopFileIO(MiniHdfs.fileSystem()), MiniHdfs.newRoot("fileio").toString());
  }
}

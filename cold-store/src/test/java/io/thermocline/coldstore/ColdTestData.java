package io.thermocline.coldstore;

import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.testkit.scan.RowAssert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/** Small helpers shared by the cold-store tests. Stateless. */
final class ColdTestData {
  private ColdTestData() {}

  static List<Object[]> scan(TierScan tier, long snapshot) {
    return RowAssert.drain(tier.scan(ScanRequest.at(snapshot)), "scan at " + snapshot);
  }

  static ColumnBatch batch(ColdTable t, List<Object[]> rows) {
    return BatchOps.fromRows(t.schema(), rows);
  }

  /** Every file (not directory) under {@code root}, as paths relative to it. */
  static Set<String> filesUnder(FileSystem fs, Path root) {
    Set<String> out = new TreeSet<>();
    try {
      if (!fs.exists(root)) {
        return out;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      String prefix = fs.makeQualified(root).toString() + "/";
      while (it.hasNext()) {
        String p = fs.makeQualified(it.next().getPath()).toString();
        out.add(p.startsWith(prefix) ? p.substring(prefix.length()) : p);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> filesUnder(ColdStore store) {
    return filesUnder(store.fileSystem(), new Path(store.root()));
  }
}

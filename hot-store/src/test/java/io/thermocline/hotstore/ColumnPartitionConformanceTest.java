package io.thermocline.hotstore;

import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.scan.TierFixture;
import io.thermocline.testkit.scan.TierScanConformanceTest;
import java.util.List;

/** The shared scan conformance checks, run against a column partition that merges on maintain(). */
public class ColumnPartitionConformanceTest extends TierScanConformanceTest {
  /** The partition under test; subclasses test other kinds of main. */
  protected ColumnPartition partition(Schema schema) {
    return new ColumnPartition("conformance", schema, Config.defaults());
  }

  @Override
  protected TierFixture createFixture(Schema schema) {
    ColumnPartition p = partition(schema);
    return new TierFixture() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public TierScan tier() {
        return p;
      }

      @Override
      public void insert(long cid, List<Object[]> storageRows) {
        p.insertRows(cid, storageRows);
      }

      @Override
      public long delete(long cid, long snapshot, Expr filter) {
        return p.endRows(cid, snapshot, filter);
      }

      @Override
      public void maintain(long oldestLiveSnapshot) {
        p.mergeDelta(oldestLiveSnapshot);
      }

      @Override
      public void close() {
        p.close();
      }
    };
  }
}

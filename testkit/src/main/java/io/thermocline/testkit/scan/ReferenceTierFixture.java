package io.thermocline.testkit.scan;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.model.ReferenceTable;
import io.thermocline.testkit.model.ReferenceTierScan;
import java.util.List;

/**
 * A {@link TierFixture} backed by its own {@link ReferenceTable}: proves the conformance kit and
 * serves as a stand-in tier in tests that need one. Thread-safe as the table is.
 */
public final class ReferenceTierFixture implements TierFixture {
  private final ReferenceTable table;
  private final TierScan tier;

  public ReferenceTierFixture(Schema schema) {
    this.table = new ReferenceTable(schema);
    this.tier = new ReferenceTierScan(table);
  }

  public ReferenceTable table() {
    return table;
  }

  @Override
  public Schema schema() {
    return table.schema();
  }

  @Override
  public TierScan tier() {
    return tier;
  }

  @Override
  public void insert(long cid, List<Object[]> storageRows) {
    table.insert(cid, storageRows);
  }

  @Override
  public long delete(long cid, long snapshot, Expr filter) {
    return table.delete(cid, snapshot, filter);
  }
}

package io.thermocline.testkit.scan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.scan.TierScan;
import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.model.ReferenceTable;
import io.thermocline.testkit.model.ReferenceTierScan;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The conformance kit must fail tiers with typical bugs; otherwise a green run would prove nothing.
 */
class ConformanceKitCatchesBrokenTiersTest {

  @Test
  void catchesOffByOneVisibility(TestInfo info) {
    TierScanConformanceTest kit =
        broken(
            t ->
                new Delegating(t) {
                  @Override
                  public BatchCursor scan(ScanRequest r) {
                    return super.scan(
                        new ScanRequest(r.snapshot() - 1, r.projection(), r.filter(), 0));
                  }
                });
    assertThatThrownBy(() -> kit.randomWorkloadMatchesReference(info))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("seed=");
  }

  @Test
  void catchesNullComparedAsTrue(TestInfo info) {
    TierScanConformanceTest kit =
        broken(
            t ->
                new Delegating(t) {
                  @Override
                  public BatchCursor scan(ScanRequest r) {
                    return super.scan(r.withFilter(nullAsTrue(r.filter())));
                  }
                });
    assertThatThrownBy(() -> kit.randomWorkloadMatchesReference(info))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("filter=");
  }

  @Test
  void catchesADroppedPartialBatch(TestInfo info) {
    TierScanConformanceTest kit =
        broken(
            t ->
                new Delegating(t) {
                  @Override
                  public BatchCursor scan(ScanRequest r) {
                    BatchCursor inner = super.scan(r);
                    return new BatchCursor() {
                      @Override
                      public ColumnBatch next() {
                        ColumnBatch b = inner.next();
                        return b != null && b.rowCount() < r.batchSize() ? null : b;
                      }

                      @Override
                      public void close() {
                        inner.close();
                      }
                    };
                  }
                });
    assertThatThrownBy(() -> kit.batchSizeBoundaries(info))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 4095 rows, got 0");
  }

  /** Replaces {@code col op literal} by {@code col op literal OR col IS NULL}: a lost null mask. */
  private static Expr nullAsTrue(Expr e) {
    if (e instanceof Expr.Compare c && c.left() instanceof Expr.ColumnRef col) {
      return Expr.or(c, new Expr.IsNull(col, false));
    }
    if (e instanceof Expr.And a) {
      return new Expr.And(a.terms().stream().map(t -> nullAsTrue(t)).toList());
    }
    if (e instanceof Expr.Or o) {
      return new Expr.Or(o.terms().stream().map(t -> nullAsTrue(t)).toList());
    }
    if (e instanceof Expr.Not n) {
      return Expr.not(nullAsTrue(n.term()));
    }
    return e;
  }

  private static TierScanConformanceTest broken(Function<TierScan, TierScan> bug) {
    return new TierScanConformanceTest() {
      @Override
      protected TierFixture createFixture(Schema schema) {
        ReferenceTable table = new ReferenceTable(schema);
        TierScan tier = bug.apply(new ReferenceTierScan(table));
        return new TierFixture() {
          @Override
          public Schema schema() {
            return schema;
          }

          @Override
          public TierScan tier() {
            return tier;
          }

          @Override
          public void insert(long cid, List<Object[]> rows) {
            table.insert(cid, rows);
          }

          @Override
          public long delete(long cid, long snapshot, Expr filter) {
            return table.delete(cid, snapshot, filter);
          }
        };
      }
    };
  }

  private static class Delegating implements TierScan {
    private final TierScan inner;

    Delegating(TierScan inner) {
      this.inner = inner;
    }

    @Override
    public Schema schema() {
      return inner.schema();
    }

    @Override
    public BatchCursor scan(ScanRequest request) {
      return inner.scan(request);
    }

    @Override
    public AggregateResult aggregate(ScanRequest request, AggregateSpec spec) {
      return inner.aggregate(request, spec);
    }
  }
}

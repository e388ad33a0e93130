package io.thermocline.coldstore.scan;

import io.thermocline.coldstore.meta.ColumnStats;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-column NULL count, minimum and maximum of a batch, in Thermocline's comparison order, for the
 * manifest. Strings longer than {@link #MAX_STRING_STAT} characters leave min/max unknown rather
 * than bloat the manifest. Stateless.
 */
public final class BatchStatistics {
  public static final int MAX_STRING_STAT = 256;

  private BatchStatistics() {}

  public static List<ColumnStats> of(ColumnBatch batch) {
    List<ColumnStats> out = new ArrayList<>(batch.columnCount());
    for (int c = 0; c < batch.columnCount(); c++) {
      out.add(of(batch.column(c), batch.rowCount()));
    }
    return out;
  }

  private static ColumnStats of(ColumnVector v, int n) {
    long nulls = 0;
    if (v instanceof LongVector lv) {
      long[] a = lv.values();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        if (lv.isNull(i)) {
          nulls++;
        } else {
          min = Math.min(min, a[i]);
          max = Math.max(max, a[i]);
        }
      }
      return nulls == n ? new ColumnStats(n, null, null) : new ColumnStats(nulls, min, max);
    }
    if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      double min = 0;
      double max = 0;
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (dv.isNull(i)) {
          nulls++;
        } else if (!any) {
          min = a[i];
          max = a[i];
          any = true;
        } else {
          if (Double.compare(a[i], min) < 0) {
            min = a[i];
          }
          if (Double.compare(a[i], max) > 0) {
            max = a[i];
          }
        }
      }
      return any ? new ColumnStats(nulls, min, max) : new ColumnStats(n, null, null);
    }
    StringVector sv = (StringVector) v;
    String min = null;
    String max = null;
    boolean tooLong = false;
    for (int i = 0; i < n; i++) {
      String s = sv.get(i);
      if (s == null) {
        nulls++;
        continue;
      }
      tooLong |= s.length() > MAX_STRING_STAT;
      if (min == null || s.compareTo(min) < 0) {
        min = s;
      }
      if (max == null || s.compareTo(max) > 0) {
        max = s;
      }
    }
    return tooLong ? new ColumnStats(nulls, null, null) : new ColumnStats(nulls, min, max);
  }
}

package io.thermocline.sql.series;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.timeseries.function.SeriesGrid;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code TABLE(SERIES_GENERATE(start, end, '15 MINUTE'))}: the equidistant grid of {@code [start,
 * end)} as rows (PERIOD_START, PERIOD_END, ELEMENT_NUMBER from 1), computed lazily so a long grid
 * costs no memory. Immutable; each scan has its own enumerator.
 */
public final class SeriesGenerateTable extends AbstractTable implements ScannableTable {
  private final long start;
  private final long increment;
  private final long count;

  SeriesGenerateTable(Object start, Object end, String increment) {
    this.increment = SeriesInterval.micros(increment, "SERIES_GENERATE");
    if (start == null || end == null) {
      // Calcite builds the table once to learn its row type, with NULL for non-literal arguments.
      this.start = 0;
      this.count = 0;
      return;
    }
    this.start = SqlTime.micros(start, "SERIES_GENERATE");
    long to = SqlTime.micros(end, "SERIES_GENERATE");
    if (to < this.start) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "SERIES_GENERATE: the end " + end + " is before the start " + start);
    }
    this.count = SeriesGrid.size(this.start, to, this.increment);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("PERIOD_START", SqlTypeName.TIMESTAMP)
        .add("PERIOD_END", SqlTypeName.TIMESTAMP)
        .add("ELEMENT_NUMBER", SqlTypeName.BIGINT)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Enumerator<>() {
          private long i = -1;

          @Override
          public Object[] current() {
            long at = start + i * increment;
            return new Object[] {SqlTime.internal(at), SqlTime.internal(at + increment), i + 1};
          }

          @Override
          public boolean moveNext() {
            return ++i < count;
          }

          @Override
          public void reset() {
            i = -1;
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}

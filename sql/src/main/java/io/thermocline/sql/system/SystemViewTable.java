package io.thermocline.sql.system;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.system.SystemView;
import io.thermocline.sql.schema.SqlTypeMapping;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema.TableType;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One system view as a Calcite table of JDBC type {@code SYSTEM TABLE}: its rows are read when the
 * query runs (never cached) and converted to Calcite's internal values; filters, joins and
 * aggregates are Calcite's. Immutable.
 */
final class SystemViewTable extends AbstractTable implements ScannableTable {
  private final SystemView view;

  SystemViewTable(SystemView view) {
    this.view = view;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Column c : view.schema().columns()) {
      b.add(c.name(), SqlTypeMapping.relType(c.type(), c.nullable(), factory));
    }
    return b.build();
  }

  @Override
  public TableType getJdbcTableType() {
    return TableType.SYSTEM_TABLE;
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    Schema schema = view.schema();
    int n = schema.size();
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : view.rows()) {
      Object[] internal = new Object[n];
      for (int i = 0; i < n; i++) {
        internal[i] = SqlTypeMapping.toInternal(schema.column(i).type(), row[i]);
      }
      out.add(internal);
    }
    return Linq4j.asEnumerable(out);
  }
}

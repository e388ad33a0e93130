package io.thermocline.sql.schema;

import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * One engine table as Calcite sees it: a projectable, filterable table reading through the
 * connection's {@link TableReader}; the filters it can translate and the projection go into the
 * engine scan (EXPLAIN shows them on the BindableTableScan). Immutable; a new instance is made
 * whenever the catalog is consulted, so a schema change is seen by the next statement.
 */
public final class ThermoTable extends AbstractTable
    implements ProjectableFilterableTable, TranslatableTable {
  private final TableDefinition definition;
  private final TableReader reader;

  public ThermoTable(TableDefinition definition, TableReader reader) {
    this.definition = definition;
    this.reader = reader;
  }

  public TableDefinition definition() {
    return definition;
  }

  TableReader reader() {
    return reader;
  }

  /**
   * A plain logical scan (the filter and projection rules turn it into a BindableTableScan), and
   * the aggregate and top-N push-down rules registered with the planner that will optimize it, as
   * Calcite's adapters register their rules.
   */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    context.getCluster().getPlanner().addRule(AggregatePushDownRule.INSTANCE);
    context.getCluster().getPlanner().addRule(AggregatePushDownRule.BUCKETS);
    context.getCluster().getPlanner().addRule(TopNPushDownRule.SORT);
    context.getCluster().getPlanner().addRule(TopNPushDownRule.LIMIT);
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder b = factory.builder();
    for (Column c : definition.schema().columns()) {
      b.add(c.name(), SqlTypeMapping.relType(c.type(), c.nullable(), factory));
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    Schema schema = definition.schema();
    RexFilterTranslator translator = new RexFilterTranslator(schema, root);
    List<Expr> pushed = new ArrayList<>();
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      Expr e = translator.translate(it.next());
      if (e != null) {
        pushed.add(e);
        // The engine evaluates it exactly (three-valued logic), so Calcite need not again.
        it.remove();
      }
    }
    Expr filter =
        pushed.isEmpty() ? null : pushed.size() == 1 ? pushed.get(0) : new Expr.And(pushed);
    List<String> columns = null;
    if (projects != null) {
      columns = new ArrayList<>(projects.length);
      for (int p : projects) {
        columns.add(schema.column(p).name());
      }
      if (columns.isEmpty()) {
        // SELECT 1 FROM t needs only the row count; a scan reads at least one column.
        columns.add(schema.column(0).name());
      }
    }
    int n = projects == null ? schema.size() : projects.length;
    DataType[] types = new DataType[n];
    for (int i = 0; i < n; i++) {
      types[i] = schema.column(projects == null ? i : projects[i]).type();
    }
    String name = definition.name();
    List<String> projection = columns;
    Expr where = filter;
    return new AbstractEnumerable<Object[]>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new CursorEnumerator(() -> reader.scan(name, projection, where), types);
      }
    };
  }
}

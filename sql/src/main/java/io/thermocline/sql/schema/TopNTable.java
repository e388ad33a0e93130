package io.thermocline.sql.schema;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggFunction;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import io.thermocline.engine.catalog.TableKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The first {@code limit} rows of an engine scan in a given order, as a table {@link
 * TopNPushDownRule} puts under ORDER BY ... LIMIT. Each batch of the engine cursor goes through a
 * bounded heap, so memory is O(limit) whatever the table size. When the first key is the table's
 * (TIMESTAMP or BIGINT, NOT NULL) time column, the scan reads time windows that grow fourfold from
 * the requested end (MIN/MAX of the column come from the tiers' aggregate) until a window holds
 * {@code limit} rows: the hot tier is skipped and cold files and row groups are pruned by each
 * window, so {@code ORDER BY ts DESC LIMIT 10} reads the newest data only. Immutable.
 */
final class TopNTable extends AbstractTable implements ScannableTable {
  private static final int FIRST_WINDOW_FRACTION = 256;
  private static final int WINDOW_GROWTH = 4;

  private final ThermoTable table;
  private final List<RexNode> filters;
  private final int[] projects;
  private final List<RelFieldCollation> keys;
  private final int limit;
  private final RelDataType rowType;
  private final String timeColumn;

  TopNTable(
      ThermoTable table,
      List<RexNode> filters,
      int[] projects,
      List<RelFieldCollation> keys,
      int limit,
      RelDataType rowType) {
    this.table = table;
    this.filters = List.copyOf(filters);
    this.projects = projects.clone();
    this.keys = List.copyOf(keys);
    this.limit = limit;
    this.rowType = rowType;
    this.timeColumn = windowColumn();
  }

  /** The time column when the first key is it (TIMESTAMP or BIGINT, NOT NULL), else null. */
  private String windowColumn() {
    Schema schema = table.definition().schema();
    String time = schema.timeColumn().orElse(null);
    if (time == null) {
      return null;
    }
    Column c = schema.column(projects[keys.get(0).getFieldIndex()]);
    boolean instantLike =
        c.type().kind() == TypeKind.TIMESTAMP || c.type().kind() == TypeKind.BIGINT;
    return c.name().equals(time) && !c.nullable() && instantLike ? time : null;
  }

  /** What EXPLAIN shows as the scanned table's last name: per tier, what the engine does. */
  String describe() {
    Schema schema = table.definition().schema();
    List<String> project = new ArrayList<>();
    for (int p : projects) {
      project.add(schema.column(p).name());
    }
    List<String> order = new ArrayList<>();
    for (RelFieldCollation k : keys) {
      order.add(
          schema.column(projects[k.getFieldIndex()]).name()
              + (k.getDirection().isDescending() ? " DESC" : " ASC"));
    }
    String scan =
        "filter=" + (filters.isEmpty() ? "[]" : filters.toString()) + ", project=" + project;
    String window =
        timeColumn == null ? "" : ", windows on " + timeColumn + " from the " + end() + " end";
    TableKind kind = table.definition().kind();
    StringBuilder b = new StringBuilder("engine topN(");
    if (kind != TableKind.COLD) {
      b.append("hot=[").append(scan).append(", partial top-N").append(window).append("], ");
    }
    if (kind != TableKind.HOT) {
      b.append("cold=[")
          .append(scan)
          .append(", partial top-N")
          .append(
              timeColumn == null
                  ? ", files pruned by filter"
                  : ", files pruned by " + timeColumn + " window")
          .append("], ");
    }
    return b.append("topN=").append(order).append(", ").append(limit).append(")").toString();
  }

  private String end() {
    return keys.get(0).getDirection().isDescending() ? "newest" : "oldest";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    return rowType;
  }

  @Override
  public Statistic getStatistic() {
    // Always cheaper than sorting the whole scan; the true row count is min(limit, matches).
    return Statistics.of(1, null);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    Expr filter = pushedFilter(root);
    List<String> columns = new ArrayList<>(projects.length);
    DataType[] types = new DataType[projects.length];
    Schema schema = table.definition().schema();
    for (int i = 0; i < projects.length; i++) {
      columns.add(schema.column(projects[i]).name());
      types[i] = schema.column(projects[i]).type();
    }
    Comparator<Object[]> order = comparator();
    // The heap's head is the worst row kept, evicted when a better one arrives.
    PriorityQueue<Object[]> heap = new PriorityQueue<>(Math.max(1, limit), order.reversed());
    if (limit > 0) {
      if (timeColumn == null) {
        offer(heap, order, filter, columns, types);
      } else {
        windows(heap, order, filter, columns, types);
      }
    }
    List<Object[]> rows = new ArrayList<>(heap);
    rows.sort(order);
    return Linq4j.asEnumerable(rows);
  }

  private void windows(
      PriorityQueue<Object[]> heap,
      Comparator<Object[]> order,
      Expr filter,
      List<String> columns,
      DataType[] types) {
    String name = table.definition().name();
    AggregateSpec spec =
        new AggregateSpec(
            List.of(),
            List.of(
                new AggregateCall(AggFunction.MIN, timeColumn),
                new AggregateCall(AggFunction.MAX, timeColumn)));
    Object[] range = table.reader().aggregate(name, filter, spec).rows().get(0);
    if (range[0] == null) {
      return;
    }
    long min = (Long) range[0];
    long max = (Long) range[1];
    boolean descending = keys.get(0).getDirection().isDescending();
    long width = Math.max(1, (max - min) / FIRST_WINDOW_FRACTION);
    while (true) {
      heap.clear();
      boolean whole = width >= max - min;
      Expr window =
          whole
              ? filter
              : and(
                  filter,
                  descending
                      ? new Expr.Compare(
                          CompareOp.GE,
                          new Expr.ColumnRef(timeColumn, -1),
                          new Expr.Literal(max - width))
                      : new Expr.Compare(
                          CompareOp.LE,
                          new Expr.ColumnRef(timeColumn, -1),
                          new Expr.Literal(min + width)));
      long matched = offer(heap, order, window, columns, types);
      if (whole || matched >= limit) {
        return;
      }
      width = width > (max - min) / WINDOW_GROWTH ? max - min : width * WINDOW_GROWTH;
    }
  }

  /** Offers every row of one engine scan to the heap; returns how many rows the scan returned. */
  private long offer(
      PriorityQueue<Object[]> heap,
      Comparator<Object[]> order,
      Expr filter,
      List<String> columns,
      DataType[] types) {
    long seen = 0;
    try (BatchCursor cursor = table.reader().scan(table.definition().name(), columns, filter)) {
      for (ColumnBatch batch = cursor.next(); batch != null; batch = cursor.next()) {
        ColumnVector[] vectors = new ColumnVector[types.length];
        for (int i = 0; i < types.length; i++) {
          vectors[i] = batch.column(i);
        }
        int rows = batch.rowCount();
        seen += rows;
        for (int r = 0; r < rows; r++) {
          Object[] row = new Object[types.length];
          for (int i = 0; i < types.length; i++) {
            row[i] =
                vectors[i].isNull(r)
                    ? null
                    : SqlTypeMapping.toInternal(types[i], vectors[i].getObject(r));
          }
          if (heap.size() < limit) {
            heap.add(row);
          } else if (order.compare(row, heap.peek()) < 0) {
            heap.poll();
            heap.add(row);
          }
        }
      }
    }
    return seen;
  }

  private Expr pushedFilter(DataContext root) {
    RexFilterTranslator translator = new RexFilterTranslator(table.definition().schema(), root);
    Expr filter = null;
    for (RexNode f : filters) {
      Expr e = translator.translate(f);
      if (e == null) {
        throw new ThermoException(
            ErrorCode.INTERNAL, "filter " + f + " could not be pushed into the top-N scan");
      }
      filter = and(filter, e);
    }
    return filter;
  }

  private static Expr and(Expr a, Expr b) {
    return a == null ? b : new Expr.And(List.of(a, b));
  }

  /** Calcite's order: each key's direction, nulls where its null direction puts them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private Comparator<Object[]> comparator() {
    return (x, y) -> {
      for (RelFieldCollation k : keys) {
        int i = k.getFieldIndex();
        Comparable a = (Comparable) x[i];
        Comparable b = (Comparable) y[i];
        boolean descending = k.getDirection().isDescending();
        RelFieldCollation.NullDirection nulls = k.nullDirection;
        if (nulls == RelFieldCollation.NullDirection.UNSPECIFIED) {
          nulls = k.getDirection().defaultNullDirection();
        }
        int c;
        if (a == null || b == null) {
          if (a == b) {
            continue;
          }
          c = (a == null) == (nulls == RelFieldCollation.NullDirection.FIRST) ? -1 : 1;
          return c;
        }
        c = a.compareTo(b);
        if (c != 0) {
          return descending ? -c : c;
        }
      }
      return 0;
    };
  }
}

package io.thermocline.sql.schema;

import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * Translates the filters Calcite offers a table scan into common's {@link Expr}: comparisons of a
 * column with a literal or bind parameter, IS [NOT] NULL, AND, OR, NOT, and SEARCH (IN lists and
 * ranges, expanded first). A filter it cannot translate whole yields null and stays with Calcite.
 * Single-use per scan; not thread-safe.
 */
final class RexFilterTranslator {
  private static final RexBuilder REX_BUILDER = new RexBuilder(new JavaTypeFactoryImpl());

  private final Schema schema;
  private final DataContext root;

  /** {@code root} may be null while planning; bind parameters then count as untranslatable. */
  RexFilterTranslator(Schema schema, DataContext root) {
    this.schema = schema;
    this.root = root;
  }

  /** The filter as an unbound Expr over column names, or null when any part is untranslatable. */
  Expr translate(RexNode filter) {
    return node(RexUtil.expandSearch(REX_BUILDER, null, filter));
  }

  private Expr node(RexNode n) {
    if (!(n instanceof RexCall call)) {
      return null;
    }
    SqlKind kind = call.getKind();
    switch (kind) {
      case AND:
      case OR:
        {
          List<Expr> terms = new ArrayList<>();
          for (RexNode op : call.getOperands()) {
            Expr t = node(op);
            if (t == null) {
              return null;
            }
            terms.add(t);
          }
          return kind == SqlKind.AND ? new Expr.And(terms) : new Expr.Or(terms);
        }
      case NOT:
        {
          Expr t = node(call.getOperands().get(0));
          return t == null ? null : new Expr.Not(t);
        }
      case IS_NULL:
      case IS_NOT_NULL:
        {
          RexNode op = call.getOperands().get(0);
          if (!(op instanceof RexInputRef ref)) {
            return null;
          }
          return new Expr.IsNull(column(ref), kind == SqlKind.IS_NOT_NULL);
        }
      default:
        break;
    }
    CompareOp op = compareOp(kind);
    if (op == null || call.getOperands().size() != 2) {
      return null;
    }
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (right instanceof RexInputRef && !(left instanceof RexInputRef)) {
      RexNode t = left;
      left = right;
      right = t;
      op = op.flip();
    }
    if (!(left instanceof RexInputRef ref)) {
      return null;
    }
    Object value = constant(right, schema.column(ref.getIndex()).type());
    if (value == null) {
      return null;
    }
    return new Expr.Compare(op, column(ref), new Expr.Literal(value));
  }

  private Expr.ColumnRef column(RexInputRef ref) {
    return new Expr.ColumnRef(schema.column(ref.getIndex()).name(), -1);
  }

  /** A user value for a literal or bind parameter compared with a column of {@code type}. */
  private Object constant(RexNode node, DataType type) {
    if (node instanceof RexDynamicParam p) {
      // Without a DataContext (planning time) a parameter's value is unknown: not pushable.
      if (root == null) {
        return null;
      }
      return parameter(root.get("?" + p.getIndex()), type);
    }
    if (!(node instanceof RexLiteral lit) || lit.isNull()) {
      return null;
    }
    switch (lit.getTypeName()) {
      case BOOLEAN:
        return lit.getValueAs(Boolean.class);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
      case DECIMAL:
        return lit.getValueAs(BigDecimal.class);
      case DOUBLE:
      case FLOAT:
      case REAL:
        return lit.getValueAs(Double.class);
      case VARCHAR:
        return lit.getValueAs(String.class);
      case DATE:
        return LocalDate.ofEpochDay(lit.getValueAs(DateString.class).getDaysSinceEpoch());
      case TIMESTAMP:
        return lit.getValueAs(TimestampString.class).getMillisSinceEpoch() * 1000L;
      default:
        // CHAR literals are blank-padded by Calcite; leave their comparison to it.
        return null;
    }
  }

  private static Object parameter(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case DATE:
        if (v instanceof Integer days) {
          return LocalDate.ofEpochDay(days);
        }
        if (v instanceof java.sql.Date d) {
          return d.toLocalDate();
        }
        return v instanceof LocalDate ? v : null;
      case TIMESTAMP:
        if (v instanceof Long millis) {
          return millis * 1000L;
        }
        if (v instanceof java.sql.Timestamp t) {
          return t.toLocalDateTime();
        }
        return null;
      default:
        if (v instanceof Integer || v instanceof Long || v instanceof BigDecimal) {
          return v;
        }
        if (v instanceof Double || v instanceof String || v instanceof Boolean) {
          return v;
        }
        return null;
    }
  }

  private static CompareOp compareOp(SqlKind kind) {
    return switch (kind) {
      case EQUALS -> CompareOp.EQ;
      case NOT_EQUALS -> CompareOp.NE;
      case LESS_THAN -> CompareOp.LT;
      case LESS_THAN_OR_EQUAL -> CompareOp.LE;
      case GREATER_THAN -> CompareOp.GT;
      case GREATER_THAN_OR_EQUAL -> CompareOp.GE;
      default -> null;
    };
  }
}

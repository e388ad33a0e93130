package io.thermocline.sql.dml;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Translates a WHERE clause of UPDATE or DELETE into an unbound {@link Expr}: comparisons of a
 * column with a constant, BETWEEN, IN (constants), IS [NOT] NULL, AND, OR, NOT. Anything else is
 * refused with UNSUPPORTED naming the term. Stateless.
 */
public final class WhereTranslator {
  private WhereTranslator() {}

  public static Expr translate(SqlNode node, List<Object> params) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof SqlBasicCall call)) {
      throw unsupported(node);
    }
    SqlKind kind = call.getKind();
    switch (kind) {
      case AND:
      case OR:
        {
          List<Expr> terms = new ArrayList<>();
          for (SqlNode op : call.getOperandList()) {
            terms.add(translate(op, params));
          }
          return kind == SqlKind.AND ? new Expr.And(terms) : new Expr.Or(terms);
        }
      case NOT:
        return new Expr.Not(translate(call.operand(0), params));
      case IS_NULL:
      case IS_NOT_NULL:
        return new Expr.IsNull(column(call.operand(0)), kind == SqlKind.IS_NOT_NULL);
      case BETWEEN:
        {
          Expr between =
              new Expr.Between(
                  column(call.operand(0)),
                  constant(call.operand(1), params),
                  constant(call.operand(2), params));
          return call.getOperator().getName().startsWith("NOT") ? new Expr.Not(between) : between;
        }
      case IN:
      case NOT_IN:
        {
          if (!(call.operand(1) instanceof SqlNodeList list)) {
            throw unsupported(node);
          }
          List<Expr.Literal> values = new ArrayList<>();
          for (SqlNode v : list) {
            values.add(constant(v, params));
          }
          Expr in = new Expr.In(column(call.operand(0)), values);
          return kind == SqlKind.NOT_IN ? new Expr.Not(in) : in;
        }
      default:
        break;
    }
    CompareOp op = compareOp(kind);
    if (op == null) {
      throw unsupported(node);
    }
    SqlNode left = call.operand(0);
    SqlNode right = call.operand(1);
    if (left instanceof SqlIdentifier && SqlValues.isConstant(right)) {
      return new Expr.Compare(op, column(left), constant(right, params));
    }
    if (right instanceof SqlIdentifier && SqlValues.isConstant(left)) {
      return new Expr.Compare(op.flip(), column(right), constant(left, params));
    }
    throw unsupported(node);
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

  private static Expr.ColumnRef column(SqlNode node) {
    if (!(node instanceof SqlIdentifier id)) {
      throw unsupported(node);
    }
    return new Expr.ColumnRef(id.names.get(id.names.size() - 1), -1);
  }

  private static Expr.Literal constant(SqlNode node, List<Object> params) {
    if (!SqlValues.isConstant(node)) {
      throw unsupported(node);
    }
    return new Expr.Literal(SqlValues.value(node, params));
  }

  private static ThermoException unsupported(SqlNode node) {
    return new ThermoException(
        ErrorCode.UNSUPPORTED,
        "WHERE term " + node + " is not supported in UPDATE/DELETE yet (use column op constant)");
  }
}

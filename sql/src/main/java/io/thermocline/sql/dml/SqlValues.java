package io.thermocline.sql.dml;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns constant SQL terms (literals, bind parameters, signed numbers, CAST of those) into the user
 * values {@code DataType.toStorage} accepts. Stateless.
 */
public final class SqlValues {
  private SqlValues() {}

  /** Whether {@link #value} can evaluate {@code node} without running a query. */
  public static boolean isConstant(SqlNode node) {
    if (node instanceof SqlLiteral || node instanceof SqlDynamicParam) {
      return true;
    }
    if (node instanceof SqlBasicCall call
        && (call.getKind() == SqlKind.MINUS_PREFIX || call.getKind() == SqlKind.CAST)) {
      return isConstant(call.operand(0));
    }
    return false;
  }

  /** The value of a constant term; {@code params} holds bind values by index. */
  public static Object value(SqlNode node, List<Object> params) {
    if (node instanceof SqlDynamicParam p) {
      int i = p.getIndex();
      if (i >= params.size()) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "parameter " + (i + 1) + " is not set");
      }
      return normalize(params.get(i));
    }
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
      Object v = value(call.operand(0), params);
      if (v instanceof BigDecimal d) {
        return d.negate();
      }
      throw new ThermoException(ErrorCode.TYPE_MISMATCH, "cannot negate " + call.operand(0));
    }
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.CAST) {
      return value(call.operand(0), params);
    }
    if (node instanceof SqlLiteral lit) {
      return literal(lit);
    }
    throw new ThermoException(ErrorCode.UNSUPPORTED, "expression " + node + " is not a constant");
  }

  private static Object literal(SqlLiteral lit) {
    if (lit instanceof SqlUnknownLiteral u) {
      // The parser leaves DATE '...' and TIMESTAMP '...' for the validator to resolve.
      SqlTypeName tag = SqlTypeName.get(u.tag.toUpperCase(java.util.Locale.ROOT));
      if (tag == null) {
        throw new ThermoException(ErrorCode.UNSUPPORTED, "literal " + lit + " is not supported");
      }
      return literal(u.resolve(tag));
    }
    SqlTypeName t = lit.getTypeName();
    if (t == SqlTypeName.NULL) {
      return null;
    }
    if (lit instanceof SqlNumericLiteral n) {
      BigDecimal d = n.getValueAs(BigDecimal.class);
      return n.isExact() ? d : Double.valueOf(d.doubleValue());
    }
    switch (t) {
      case BOOLEAN:
        return lit.booleanValue();
      case CHAR:
      case VARCHAR:
        return lit.getValueAs(String.class);
      case DATE:
        return LocalDate.parse(lit.toValue());
      case TIMESTAMP:
        return LocalDateTime.parse(lit.toValue().replace(' ', 'T'));
      default:
        throw new ThermoException(
            ErrorCode.UNSUPPORTED, "literal " + lit + " of type " + t + " is not supported");
    }
  }

  /**
   * JDBC values as engine user values. java.sql.Date and Timestamp are read as wall-clock values
   * (the way Calcite hands them out), so a value round-trips through the driver unchanged.
   */
  public static Object normalize(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return v;
  }
}

package io.thermocline.sql.schema;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Removes unary plus from a parsed statement before validation: {@code +x} is {@code x}, for an
 * operand of any type, as in SQLite, H2 and MySQL. Calcite types {@code +} as numeric only and with
 * implicit coercion casts a character operand to DECIMAL, so {@code SELECT +name FROM t} failed at
 * run time on the first non-numeric value (sqllogictest index/random). For numbers and intervals
 * only the column label changes ({@code SELECT +v} is labeled {@code V}, as in H2).
 *
 * <p>The tree is changed in place, not copied: Calcite's statement preparation asks the validator
 * about the very node it parsed. Stateless; each call works on the caller's (unshared) tree.
 */
final class UnaryPlusStripper {
  private UnaryPlusStripper() {}

  /** {@code node} without unary plus; the same object unless {@code node} itself is one. */
  static SqlNode strip(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode item = list.get(i);
        SqlNode stripped = strip(item);
        if (stripped != item) {
          list.set(i, stripped);
        }
      }
      return list;
    }
    if (!(node instanceof SqlCall call)) {
      return node;
    }
    if (call.getKind() == SqlKind.PLUS_PREFIX) {
      return strip(call.operand(0));
    }
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      SqlNode stripped = strip(operand);
      if (stripped != operand) {
        try {
          call.setOperand(i, stripped);
        } catch (UnsupportedOperationException e) {
          // A call kind that cannot change its operands keeps the plus: Calcite's own typing.
        }
      }
    }
    return call;
  }
}

package io.thermocline.sql.parser.ddl;

import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * The optional clauses one statement has given so far, so that a clause given twice is a syntax
 * error at the position of the second one, not a silent overwrite.
 *
 * <p>Confined to the single parser call that creates it.
 */
public final class ClauseSet {
  private final Set<String> seen = new HashSet<>();

  /**
   * Records {@code clause}.
   *
   * @throws CalciteContextException if the statement already gave it
   */
  public void once(String clause, SqlParserPos pos) {
    if (!seen.add(clause)) {
      throw syntaxError(pos, clause + " is given more than once");
    }
  }

  /** Whether {@code clause} has been given. */
  public boolean contains(String clause) {
    return seen.contains(clause);
  }

  /**
   * A syntax error the generated parser turns into a {@code SqlParseException} at {@code pos}
   * (Calcite's parser unwraps {@link CalciteContextException} and keeps its position and its
   * cause's message).
   */
  public static CalciteContextException syntaxError(SqlParserPos pos, String message) {
    CalciteContextException e =
        new CalciteContextException(message, new SqlValidatorException(message, null));
    e.setPosition(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    return e;
  }
}

package io.thermocline.sql.parser.ddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The {@code SERIES (...)} clause of CREATE TABLE (HANA's series tables): {@code SERIES KEY
 * (cols)}, {@code PERIOD FOR SERIES (col)}, {@code EQUIDISTANT INCREMENT BY INTERVAL '15' MINUTE}
 * or {@code NOT EQUIDISTANT}, {@code MISSING ELEMENTS [NOT] ALLOWED}, {@code MINVALUE literal},
 * {@code MAXVALUE literal}, in any order. Built by {@link SeriesClauses}.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlSeriesDefinition extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("SERIES", SqlKind.OTHER);

  private final SqlNodeList seriesKey;
  private final SqlIdentifier periodColumn;
  private final boolean equidistant;
  private final SqlLiteral increment;
  private final Boolean missingElementsAllowed;
  private final SqlNode minValue;
  private final SqlNode maxValue;

  SqlSeriesDefinition(
      SqlParserPos pos,
      SqlNodeList seriesKey,
      SqlIdentifier periodColumn,
      boolean equidistant,
      SqlLiteral increment,
      Boolean missingElementsAllowed,
      SqlNode minValue,
      SqlNode maxValue) {
    super(pos);
    this.seriesKey = Objects.requireNonNull(seriesKey, "seriesKey");
    this.periodColumn = Objects.requireNonNull(periodColumn, "periodColumn");
    this.equidistant = equidistant;
    this.increment = increment;
    this.missingElementsAllowed = missingElementsAllowed;
    this.minValue = minValue;
    this.maxValue = maxValue;
  }

  /** The SERIES KEY columns; empty when the table holds a single series. */
  public SqlNodeList seriesKey() {
    return seriesKey;
  }

  public List<String> seriesKeyColumns() {
    List<String> names = new ArrayList<>(seriesKey.size());
    for (SqlNode column : seriesKey) {
      names.add(((SqlIdentifier) column).getSimple());
    }
    return names;
  }

  /** The timestamp column of PERIOD FOR SERIES. */
  public SqlIdentifier periodColumn() {
    return periodColumn;
  }

  public String periodColumnName() {
    return periodColumn.getSimple();
  }

  /** True for EQUIDISTANT; false for NOT EQUIDISTANT or when neither was written. */
  public boolean isEquidistant() {
    return equidistant;
  }

  /** The INCREMENT BY interval literal of an equidistant series, else null. */
  public SqlLiteral increment() {
    return increment;
  }

  /** MISSING ELEMENTS [NOT] ALLOWED; allowed unless NOT ALLOWED was written (HANA's default). */
  public boolean missingElementsAllowed() {
    return missingElementsAllowed == null || missingElementsAllowed;
  }

  /** MINVALUE's literal, or null. */
  public SqlNode minValue() {
    return minValue;
  }

  /** MAXVALUE's literal, or null. */
  public SqlNode maxValue() {
    return maxValue;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    SqlParserPos pos = getParserPosition();
    return Arrays.asList(
        seriesKey,
        periodColumn,
        SqlLiteral.createBoolean(equidistant, pos),
        increment,
        missingElementsAllowed == null
            ? null
            : SqlLiteral.createBoolean(missingElementsAllowed, pos),
        minValue,
        maxValue);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SERIES");
    SqlWriter.Frame outer = writer.startList("(", ")");
    if (!seriesKey.isEmpty()) {
      writer.keyword("SERIES KEY");
      SqlWriter.Frame keys = writer.startList("(", ")");
      for (SqlNode column : seriesKey) {
        writer.sep(",");
        column.unparse(writer, 0, 0);
      }
      writer.endList(keys);
    }
    writer.keyword("PERIOD FOR SERIES");
    SqlWriter.Frame period = writer.startList("(", ")");
    periodColumn.unparse(writer, 0, 0);
    writer.endList(period);
    if (equidistant) {
      writer.keyword("EQUIDISTANT INCREMENT BY");
      increment.unparse(writer, 0, 0);
    } else {
      writer.keyword("NOT EQUIDISTANT");
    }
    if (missingElementsAllowed != null) {
      writer.keyword(
          missingElementsAllowed ? "MISSING ELEMENTS ALLOWED" : "MISSING ELEMENTS NOT ALLOWED");
    }
    if (minValue != null) {
      writer.keyword("MINVALUE");
      minValue.unparse(writer, 0, 0);
    }
    if (maxValue != null) {
      writer.keyword("MAXVALUE");
      maxValue.unparse(writer, 0, 0);
    }
    writer.endList(outer);
  }
}

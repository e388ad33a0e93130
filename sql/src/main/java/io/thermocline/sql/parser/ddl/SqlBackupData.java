package io.thermocline.sql.parser.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code BACKUP DATA USING FILE ('name')}: an online backup of both tiers under the given name
 * (DESIGN.md section 2). Its kind is {@link SqlKind#OTHER_DDL}, so Calcite routes it like DDL.
 *
 * <p>Immutable once built; safe to read from any thread.
 */
public final class SqlBackupData extends SqlDdl {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("BACKUP DATA", SqlKind.OTHER_DDL);

  private final SqlLiteral backupName;

  public SqlBackupData(SqlParserPos pos, SqlLiteral backupName) {
    super(OPERATOR, pos);
    this.backupName = Objects.requireNonNull(backupName, "backupName");
  }

  /** The name in USING FILE ('...'). */
  public String backupName() {
    return backupName.getValueAs(String.class);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(backupName);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("BACKUP DATA USING FILE");
    SqlWriter.Frame frame = writer.startList("(", ")");
    backupName.unparse(writer, 0, 0);
    writer.endList(frame);
  }
}

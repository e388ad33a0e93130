package io.thermocline.sql.security;

import io.thermocline.sql.parser.ddl.SqlBackupData;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * The kinds of SQL statement roles are checked against, and the classification of a parsed
 * statement into one. Immutable.
 */
public enum StatementKind {
  /** SELECT, VALUES, WITH, set operations, EXPLAIN, DESCRIBE: reads only. */
  QUERY("query"),
  /** INSERT, UPDATE, DELETE, MERGE. */
  DML("DML"),
  /** CREATE, ALTER, DROP and every other DDL. */
  DDL("DDL"),
  /** CALL SYS.x(...) and BACKUP DATA: administrative procedures. */
  CALL("CALL/BACKUP");

  private final String description;

  StatementKind(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /**
   * The kind of {@code node}; anything not known to be a query is treated as DDL, the most
   * privileged kind, so an unforeseen statement can never slip past a role.
   */
  public static StatementKind of(SqlNode node) {
    if (node instanceof SqlBackupData || node.getKind() == SqlKind.PROCEDURE_CALL) {
      return CALL;
    }
    SqlKind kind = node.getKind();
    if (kind == SqlKind.INSERT
        || kind == SqlKind.UPDATE
        || kind == SqlKind.DELETE
        || kind == SqlKind.MERGE) {
      return DML;
    }
    if (SqlKind.QUERY.contains(kind)
        || kind == SqlKind.EXPLAIN
        || kind == SqlKind.DESCRIBE_TABLE
        || kind == SqlKind.DESCRIBE_SCHEMA) {
      return QUERY;
    }
    return DDL;
  }
}

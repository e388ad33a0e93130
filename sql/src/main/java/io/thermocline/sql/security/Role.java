package io.thermocline.sql.security;

/**
 * What a SQL user may do (DESIGN.md section 10): {@link #REPORTER} reads (SELECT, EXPLAIN, the SYS
 * views and metadata), {@link #WRITER} also changes rows (INSERT, UPDATE, DELETE), {@link #ADMIN}
 * does everything, including DDL, CALL and BACKUP. Immutable.
 */
public enum Role {
  ADMIN,
  WRITER,
  REPORTER;

  /** Whether this role may run a statement of {@code kind}. */
  public boolean allows(StatementKind kind) {
    return switch (this) {
      case ADMIN -> true;
      case WRITER -> kind == StatementKind.QUERY || kind == StatementKind.DML;
      case REPORTER -> kind == StatementKind.QUERY;
    };
  }
}

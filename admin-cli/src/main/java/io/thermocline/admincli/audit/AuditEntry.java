package io.thermocline.admincli.audit;

import java.time.Instant;

/**
 * One admin action: when (ISO-8601 UTC), who (user), what (action, e.g. {@code table.create}), the
 * target (a table, a backup id, a user), and the outcome ({@code OK} or the error code) with a
 * detail. Immutable.
 */
public record AuditEntry(
    String time, String user, String action, String target, String outcome, String detail) {

  /** An entry stamped now. */
  public static AuditEntry now(
      String user, String action, String target, String outcome, String detail) {
    return new AuditEntry(Instant.now().toString(), user, action, target, outcome, detail);
  }
}

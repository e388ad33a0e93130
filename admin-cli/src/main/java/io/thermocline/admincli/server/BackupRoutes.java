package io.thermocline.admincli.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.BackupAdmin;
import io.thermocline.sql.security.Role;
import java.time.Instant;
import java.util.List;

/**
 * The backup endpoints: list (REPORTER), create and verify with streamed progress, and delete
 * (ADMIN). A {@code target} (query or body) picks a backup location other than the default.
 * Stateless beyond the {@link BackupAdmin} it serves.
 */
final class BackupRoutes {
  private BackupRoutes() {}

  static List<Route> build(BackupAdmin backups) {
    String one = "/api/backups/([^/]+)";
    return List.of(
        Route.of("GET", "/api/backups", Role.REPORTER, null, q -> backups.list(q.query("target"))),
        Route.of(
            "POST",
            "/api/backups",
            Role.ADMIN,
            "backup.create",
            q -> {
              JsonNode b = q.json();
              String target = b.hasNonNull("target") ? b.get("target").asText() : null;
              String label = b.hasNonNull("label") ? b.get("label").asText() : "";
              boolean log = b.path("log").asBoolean(false);
              q.target(target == null ? backups.defaultTarget() : target);
              return new ProgressWork(
                  p -> log ? backups.createLog(target, p) : backups.create(target, label, p));
            }),
        Route.of(
            "POST",
            one + "/verify",
            Role.ADMIN,
            "backup.verify",
            q -> new ProgressWork(p -> backups.verify(q.query("target"), q.path(0), p))),
        Route.of(
            "DELETE",
            one,
            Role.ADMIN,
            "backup.delete",
            q -> {
              backups.delete(q.query("target"), q.path(0));
              return null;
            }));
  }

  /** The metrics page's view of the default target. */
  static PrometheusMetrics.BackupGauges gauges(BackupAdmin backups) {
    return new PrometheusMetrics.BackupGauges() {
      @Override
      public long count() {
        return backups.list(null).size();
      }

      @Override
      public long lastEpochSeconds() {
        BackupAdmin.BackupInfo last = backups.last();
        return last == null || last.time() == null
            ? 0
            : Instant.parse(last.time()).getEpochSecond();
      }
    };
  }
}

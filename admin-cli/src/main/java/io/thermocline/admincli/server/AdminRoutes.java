package io.thermocline.admincli.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.PolicyAdmin;
import io.thermocline.admincli.admin.RowLoader;
import io.thermocline.admincli.admin.ServerStatus;
import io.thermocline.admincli.admin.TableAdmin;
import io.thermocline.admincli.admin.TableSpec;
import io.thermocline.admincli.audit.AuditLog;
import io.thermocline.admincli.security.UserStore;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.sql.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The endpoints of the admin API, one per CLI command, with the least role each needs: REPORTER
 * reads (tables, policies, dry runs, runs, backups, status, metrics), WRITER loads rows, ADMIN does
 * everything else. Stateless beyond the operations it was built over.
 */
final class AdminRoutes {
  private static final String T = "/api/tables/([^/]+)";
  private static final String P = "/api/policies/([^/]+)";

  private AdminRoutes() {}

  static List<Route> build(
      Database db,
      TableAdmin tables,
      PolicyAdmin policies,
      List<Route> extra,
      UserStore users,
      AuditLog audit,
      Supplier<ServerStatus> status,
      Supplier<String> metrics) {
    List<Route> r = new ArrayList<>();
    r.add(Route.of("GET", "/api/whoami", Role.REPORTER, null, q -> q.user()));
    r.add(Route.of("GET", "/api/status", Role.REPORTER, null, q -> status.get()));
    r.add(
        Route.of(
            "GET",
            "/metrics",
            Role.REPORTER,
            null,
            q -> new TextBody("text/plain; version=0.0.4", metrics.get())));

    r.add(Route.of("GET", "/api/tables", Role.REPORTER, null, q -> tables.list()));
    r.add(Route.of("GET", T, Role.REPORTER, null, q -> tables.describe(q.path(0))));
    r.add(
        Route.of(
            "POST",
            "/api/tables",
            Role.ADMIN,
            "table.create",
            q -> {
              TableSpec spec = q.json(TableSpec.class);
              q.target(spec.name());
              return tables.create(spec);
            }));
    r.add(
        Route.of(
            "DELETE",
            T,
            Role.ADMIN,
            "table.drop",
            q -> {
              tables.drop(q.path(0));
              return null;
            }));
    r.add(
        Route.of(
            "POST",
            T + "/load",
            Role.WRITER,
            "table.load",
            q -> new RowLoader(db).load(q.path(0), q.body())));

    r.add(Route.of("GET", "/api/policies", Role.REPORTER, null, q -> policies.policies()));
    r.add(Route.of("GET", P, Role.REPORTER, null, q -> policies.policy(q.path(0))));
    r.add(
        Route.of(
            "PUT",
            P,
            Role.ADMIN,
            "policy.set",
            q -> {
              JsonNode b = q.json();
              return policies.set(q.path(0), optional(b, "rule"), optional(b, "schedule"));
            }));
    r.add(
        Route.of(
            "POST",
            P + "/enable",
            Role.ADMIN,
            "policy.enable",
            q -> policies.setEnabled(q.path(0), true)));
    r.add(
        Route.of(
            "POST",
            P + "/disable",
            Role.ADMIN,
            "policy.disable",
            q -> policies.setEnabled(q.path(0), false)));
    r.add(Route.of("GET", P + "/dry-run", Role.REPORTER, null, q -> policies.dryRun(q.path(0))));
    r.add(
        Route.of(
            "POST", "/api/aging/([^/]+)/run", Role.ADMIN, "age.run", q -> policies.run(q.path(0))));
    r.add(
        Route.of(
            "GET",
            "/api/aging/runs",
            Role.REPORTER,
            null,
            q -> policies.history(q.query("table"), q.queryInt("limit", 50))));

    r.addAll(extra);

    r.add(Route.of("GET", "/api/users", Role.ADMIN, null, q -> users.list()));
    r.add(
        Route.of(
            "POST",
            "/api/users",
            Role.ADMIN,
            "user.add",
            q -> {
              JsonNode b = q.json();
              String name = AdminRequest.text(b, "name");
              q.target(name);
              return users.add(
                  name,
                  role(AdminRequest.text(b, "role")),
                  AdminRequest.text(b, "password").toCharArray());
            }));
    r.add(
        Route.of(
            "PUT",
            "/api/users/([^/]+)/password",
            Role.REPORTER,
            "user.password",
            q -> {
              // Everyone may change their own password; only an ADMIN anyone else's.
              if (!q.user().name().equals(q.path(0)) && q.user().role() != Role.ADMIN) {
                throw new ThermoException(
                    ErrorCode.PERMISSION_DENIED,
                    "user "
                        + q.user().name()
                        + " (role "
                        + q.user().role()
                        + ") may change only their own password");
              }
              users.setPassword(q.path(0), AdminRequest.text(q.json(), "password").toCharArray());
              return null;
            }));
    r.add(
        Route.of(
            "PUT",
            "/api/users/([^/]+)/role",
            Role.ADMIN,
            "user.role",
            q -> {
              users.setRole(q.path(0), role(AdminRequest.text(q.json(), "role")));
              return users.find(q.path(0)).orElseThrow();
            }));
    r.add(
        Route.of(
            "DELETE",
            "/api/users/([^/]+)",
            Role.ADMIN,
            "user.delete",
            q -> {
              users.remove(q.path(0));
              return null;
            }));
    r.add(
        Route.of("GET", "/api/audit", Role.ADMIN, null, q -> audit.tail(q.queryInt("limit", 100))));
    r.add(
        Route.of(
            "POST",
            "/api/checkpoint",
            Role.ADMIN,
            "checkpoint",
            q -> Map.of("commitId", db.checkpoint())));
    return r;
  }

  private static String optional(JsonNode body, String field) {
    JsonNode n = body.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  static Role role(String text) {
    try {
      return Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "role " + text + " is not one of ADMIN, WRITER, REPORTER");
    }
  }
}

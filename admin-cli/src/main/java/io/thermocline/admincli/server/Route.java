package io.thermocline.admincli.server;

import io.thermocline.sql.security.Role;
import java.util.regex.Pattern;

/**
 * One endpoint of the admin API: method, path pattern (groups are path parameters), the least role
 * that may call it, and the audit action name (null for reads, which are not audited). Immutable.
 */
record Route(String method, Pattern path, Role required, String action, Handler handler) {

  /** Runs a request; the result is sent as JSON ({@code null}: {@code {"ok": true}}). */
  @FunctionalInterface
  interface Handler {
    Object handle(AdminRequest request) throws Exception;
  }

  static Route of(String method, String path, Role required, String action, Handler handler) {
    return new Route(method, Pattern.compile(path), required, action, handler);
  }
}

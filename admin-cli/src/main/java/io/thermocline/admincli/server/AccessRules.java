package io.thermocline.admincli.server;

import io.thermocline.sql.security.Role;

/**
 * Which role may call what: each role includes the ones below it (ADMIN over WRITER over REPORTER).
 * Stateless.
 */
final class AccessRules {
  private AccessRules() {}

  static boolean permits(Role user, Role required) {
    return rank(user) >= rank(required);
  }

  private static int rank(Role r) {
    return switch (r) {
      case ADMIN -> 3;
      case WRITER -> 2;
      case REPORTER -> 1;
    };
  }
}

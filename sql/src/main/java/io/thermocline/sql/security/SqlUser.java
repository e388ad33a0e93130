package io.thermocline.sql.security;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Objects;

/**
 * An authenticated SQL user and its role. Immutable.
 *
 * @param name the user name as authenticated (shown in SYS.SESSIONS and in refusals)
 * @param role what the user may do
 */
public record SqlUser(String name, Role role) {
  /** The user of an embedded connection without an authenticator: an administrator. */
  public static final SqlUser EMBEDDED = new SqlUser("EMBEDDED", Role.ADMIN);

  public SqlUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  /**
   * Refuses a statement this user's role does not allow, before anything runs.
   *
   * @throws ThermoException {@link ErrorCode#PERMISSION_DENIED} naming the user, role and kind
   */
  public void checkAllowed(StatementKind kind) {
    if (!role.allows(kind)) {
      throw new ThermoException(
          ErrorCode.PERMISSION_DENIED,
          "user "
              + name
              + " (role "
              + role
              + ") may not run "
              + kind.description()
              + " statements");
    }
  }
}

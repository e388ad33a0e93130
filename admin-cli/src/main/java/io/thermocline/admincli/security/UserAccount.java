package io.thermocline.admincli.security;

import io.thermocline.sql.security.Role;
import java.time.Instant;

/** One user as the users file holds it; the password only as its hash. Immutable. */
public record UserAccount(String name, Role role, PasswordHash password, Instant created) {

  /** The user without the hash, for listings. */
  public UserInfo info() {
    return new UserInfo(name, role, created);
  }

  /** What listings and authentication results show of a user. */
  public record UserInfo(String name, Role role, Instant created) {}
}

package io.thermocline.sql.security;

/**
 * Checks a user's password and tells the user's role. The server calls it once per connection; the
 * admin CLI provides the implementation over its user store, tests use an in-memory one.
 *
 * <p>Concurrency: implementations must be thread-safe (connections open on many server threads).
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * The user {@code user} if {@code password} is theirs.
   *
   * @throws io.thermocline.common.error.ThermoException with {@link
   *     io.thermocline.common.error.ErrorCode#AUTHENTICATION_FAILED} when the user is unknown or
   *     the password wrong (the message must not say which)
   */
  SqlUser authenticate(String user, char[] password);
}

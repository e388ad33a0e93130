package io.thermocline.sql.server;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.sql.security.Authenticator;
import java.util.Objects;

/**
 * Where the JDBC server listens and who may connect. Immutable.
 *
 * @param host the interface to bind ({@code 0.0.0.0} for all; {@code localhost} by default)
 * @param port the TCP port; 0 picks any free port ({@link JdbcServer#port()} tells which)
 * @param authenticator checks every connection's user and password and gives its role
 */
public record JdbcServerOptions(String host, int port, Authenticator authenticator) {
  /** The port DESIGN.md section 8 names. */
  public static final int DEFAULT_PORT = 8765;

  public JdbcServerOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(authenticator, "authenticator: the server refuses unauthenticated use");
    if (port < 0 || port > 65535) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "JDBC server port " + port + " is not in 0..65535");
    }
  }

  /** {@code localhost}, the default port, and {@code authenticator}. */
  public static JdbcServerOptions of(Authenticator authenticator) {
    return new JdbcServerOptions("localhost", DEFAULT_PORT, authenticator);
  }

  public JdbcServerOptions withHost(String h) {
    return new JdbcServerOptions(h, port, authenticator);
  }

  public JdbcServerOptions withPort(int p) {
    return new JdbcServerOptions(host, p, authenticator);
  }
}

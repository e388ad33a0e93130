package io.thermocline.sql.server;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.sql.jdbc.ThermoDriver;
import io.thermocline.sql.security.Authenticator;
import io.thermocline.sql.security.SqlUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's JDBC-backed Meta whose connections are driver connections to the served database:
 * opening one authenticates the client's {@code user} and {@code password} connection properties
 * and runs every later statement of the connection as that user (role checks in the driver). No
 * other client property reaches the SQL engine.
 *
 * <p>Thread-safe as {@link JdbcMeta} is (its caches); each connection is used by one request at a
 * time.
 */
final class AuthenticatingMeta extends JdbcMeta {
  private final Database database;
  private final Authenticator authenticator;

  AuthenticatingMeta(Database database, Authenticator authenticator) throws SQLException {
    super("jdbc:thermocline:served:" + database.dataDirectory(), new Properties());
    this.database = database;
    this.authenticator = authenticator;
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    String user = info.getProperty("user");
    String password = info.getProperty("password");
    if (user == null || password == null) {
      throw new ThermoException(
          ErrorCode.AUTHENTICATION_FAILED,
          "the JDBC server needs the connection properties user and password");
    }
    char[] secret = password.toCharArray();
    SqlUser sqlUser;
    try {
      sqlUser = authenticator.authenticate(user, secret);
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
    return ThermoDriver.connect(database, sqlUser);
  }

  /** Closes every client connection still open (their engine sessions end with them). */
  void closeAll() {
    for (Connection c : getConnectionCache().asMap().values()) {
      try {
        c.close();
      } catch (SQLException | RuntimeException e) {
        // Closing the rest matters more than one connection's failure to close.
      }
    }
    getConnectionCache().invalidateAll();
  }
}

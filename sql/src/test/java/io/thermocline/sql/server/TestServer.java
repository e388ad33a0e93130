package io.thermocline.sql.server;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Thermocline;
import io.thermocline.sql.security.Authenticator;
import io.thermocline.sql.security.Role;
import io.thermocline.sql.security.SqlUser;
import io.thermocline.sql.system.EchoProcedure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * A database and a JDBC server over it on a free localhost port, with three users (admin, writer,
 * reporter; the password is the name reversed), for tests of the remote driver.
 */
final class TestServer implements AutoCloseable {
  /** user -> {password, role}. */
  static final Map<String, Object[]> USERS =
      Map.of(
          "admin", new Object[] {"nimda", Role.ADMIN},
          "writer", new Object[] {"retirw", Role.WRITER},
          "reporter", new Object[] {"retroper", Role.REPORTER});

  /** An in-memory authenticator over {@link #USERS}. */
  static final Authenticator AUTHENTICATOR =
      (user, password) -> {
        Object[] entry = USERS.get(user);
        if (entry == null || !Arrays.equals(((String) entry[0]).toCharArray(), password)) {
          throw new ThermoException(
              ErrorCode.AUTHENTICATION_FAILED, "user or password wrong for " + user);
        }
        return new SqlUser(user, (Role) entry[1]);
      };

  final Database database;
  final JdbcServer server;
  final EchoProcedure echo = new EchoProcedure();

  TestServer(Path dir) {
    Config config =
        Config.defaults()
            .with(ColdSettings.SYNC_METADATA, false)
            .with(EngineSettings.MAINTENANCE_ENABLED, false)
            .with(EngineSettings.COLD_FILE_MIN_ROWS, 1);
    database = Thermocline.open(dir, config);
    database.system().register(echo);
    try {
      server = JdbcServer.start(database, JdbcServerOptions.of(AUTHENTICATOR).withPort(0));
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  Connection connect(String user) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", (String) USERS.get(user)[0]);
    return DriverManager.getConnection(server.url(), p);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      database.close();
    }
  }
}

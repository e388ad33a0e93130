package io.thermocline.sql.jdbc;

import io.thermocline.common.config.Config;
import io.thermocline.common.config.Setting;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.sql.ddl.ThermoParserFactory;
import io.thermocline.sql.schema.ThermoSchema;
import io.thermocline.sql.security.Role;
import io.thermocline.sql.security.SqlUser;
import io.thermocline.sql.system.SysSchema;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The driver for {@code jdbc:thermocline:file:/path/to/data} (embedded) and {@code
 * jdbc:thermocline:remote:url=http://host:port} (a {@link io.thermocline.sql.server.JdbcServer}
 * over Avatica; {@code user} and {@code password} are passed as connection properties).
 *
 * <p>An embedded connection is a Calcite connection whose default schema is the engine catalog
 * ({@link ThermoSchema}) next to the {@code SYS} schema of system views ({@link SysSchema}),
 * parsing with the extended parser (DDL through {@link io.thermocline.sql.ddl.ThermoDdlExecutor}),
 * with INSERT, UPDATE, DELETE and transaction control routed to an engine session and CALL / BACKUP
 * DATA to the database's system procedures. Connections to one directory share its database, opened
 * on first use (connection properties named like database settings configure that open) and closed
 * with the last connection; without an authenticator they run as an ADMIN user. A remote connection
 * is Avatica's remote connection (protobuf unless the URL names a serialization), with its errors
 * made readable. Stateless and thread-safe; each connection is single-threaded.
 */
public final class ThermoDriver implements Driver {
  public static final String FILE_PREFIX = "jdbc:thermocline:file:";
  public static final String REMOTE_PREFIX = "jdbc:thermocline:remote:";

  static {
    try {
      DriverManager.registerDriver(new ThermoDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && (url.startsWith(FILE_PREFIX) || url.startsWith(REMOTE_PREFIX));
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (url.startsWith(REMOTE_PREFIX)) {
      return RemoteConnection.connect(url.substring(REMOTE_PREFIX.length()), info);
    }
    Path directory = Path.of(url.substring(FILE_PREFIX.length()));
    Database database;
    try {
      database = DatabaseRegistry.acquire(directory, databaseConfig(info));
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
    String name = info == null ? null : info.getProperty("user");
    SqlUser user = name == null ? SqlUser.EMBEDDED : new SqlUser(name, Role.ADMIN);
    try {
      return open(database, user, info);
    } catch (SQLException | RuntimeException e) {
      DatabaseRegistry.release(database);
      throw e instanceof SQLException s ? s : SqlErrors.of(e);
    }
  }

  /**
   * The connection properties named like database settings ({@link EngineSettings#all()}, e.g.
   * {@code hot.scan.parallelism}): they configure the database when this connection is the one that
   * opens it, and are ignored while it is already open.
   */
  private static Config databaseConfig(Properties info) {
    Properties settings = new Properties();
    if (info != null) {
      for (Setting<?> s : EngineSettings.all()) {
        String v = info.getProperty(s.name());
        if (v != null) {
          settings.setProperty(s.name(), v);
        }
      }
    }
    return Config.parse(settings, EngineSettings.all());
  }

  /**
   * A connection to {@code database}, already open, for {@code user}, whose role every statement is
   * checked against; closing it leaves the database open. This is how the JDBC server serves its
   * clients; no client property reaches the SQL engine.
   */
  public static Connection connect(Database database, SqlUser user) throws SQLException {
    try {
      return open(database, user, null);
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
  }

  private static Connection open(Database database, SqlUser user, Properties info)
      throws SQLException {
    SessionState state = new SessionState(database, user.name());
    try {
      CalciteConnection calcite = calciteConnection(info, new PlanCache(database));
      SchemaPlus root = calcite.getRootSchema();
      SchemaPlus schema = root.add(ThermoSchema.NAME, new ThermoSchema(database, state, state));
      schema.setCacheEnabled(false);
      root.add(SysSchema.NAME, new SysSchema(database)).setCacheEnabled(false);
      calcite.setSchema(ThermoSchema.NAME);
      // The series functions live in the default schema so they resolve unqualified.
      io.thermocline.sql.series.SeriesSqlFunctions.register(schema);
      ConnectionHandler handler = new ConnectionHandler(calcite, state, user);
      Connection proxy =
          (Connection)
              Proxy.newProxyInstance(
                  ThermoDriver.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
      handler.setProxy(proxy);
      return proxy;
    } catch (SQLException | RuntimeException e) {
      state.close();
      throw e;
    }
  }

  private static CalciteConnection calciteConnection(Properties info, PlanCache plans)
      throws SQLException {
    Properties p = new Properties();
    if (info != null) {
      p.putAll(info);
    }
    // Must agree with ThermoSqlParser.CONFIG, or validation and parsing disagree on names.
    p.setProperty("parserFactory", ThermoParserFactory.class.getName() + "#INSTANCE");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "TO_UPPER");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("caseSensitive", "true");
    p.setProperty("conformance", "LENIENT");
    // ThermoPrepare: stock Calcite preparation minus a field-trimming bug (see its comment);
    // PlanCache: plain statements reuse the connection's recent query plans.
    Connection c =
        new org.apache.calcite.jdbc.Driver()
            .withPrepareFactory(plans.around(io.thermocline.sql.schema.ThermoPrepare::new))
            .connect("jdbc:calcite:", p);
    return c.unwrap(CalciteConnection.class);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
  }
}

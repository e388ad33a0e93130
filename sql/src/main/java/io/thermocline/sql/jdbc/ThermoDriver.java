package io.thermocline.sql.jdbc;

import io.thermocline.engine.Database;
import io.thermocline.sql.ddl.ThermoParserFactory;
import io.thermocline.sql.schema.ThermoSchema;
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
 * The embedded driver for {@code jdbc:thermocline:file:/path/to/data}. A connection is a Calcite
 * connection whose default schema is the engine catalog ({@link ThermoSchema}), parsing with the
 * extended parser (DDL through {@link io.thermocline.sql.ddl.ThermoDdlExecutor}), with INSERT,
 * UPDATE, DELETE and transaction control routed to an engine session. Connections to one directory
 * share its database, opened on first use and closed with the last connection. Stateless and
 * thread-safe; each connection is single-threaded.
 */
public final class ThermoDriver implements Driver {
  public static final String FILE_PREFIX = "jdbc:thermocline:file:";

  static {
    try {
      DriverManager.registerDriver(new ThermoDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(FILE_PREFIX);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Path directory = Path.of(url.substring(FILE_PREFIX.length()));
    Database database;
    try {
      database = DatabaseRegistry.acquire(directory);
    } catch (RuntimeException e) {
      throw SqlErrors.of(e);
    }
    SessionState state = null;
    try {
      state = new SessionState(database);
      CalciteConnection calcite = calciteConnection(info);
      SchemaPlus schema =
          calcite.getRootSchema().add(ThermoSchema.NAME, new ThermoSchema(database, state, state));
      schema.setCacheEnabled(false);
      calcite.setSchema(ThermoSchema.NAME);
      ConnectionHandler handler = new ConnectionHandler(calcite, state);
      Connection proxy =
          (Connection)
              Proxy.newProxyInstance(
                  ThermoDriver.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
      handler.setProxy(proxy);
      return proxy;
    } catch (SQLException | RuntimeException e) {
      if (state != null) {
        state.close();
      }
      DatabaseRegistry.release(database);
      throw e instanceof SQLException s ? s : SqlErrors.of(e);
    }
  }

  private static CalciteConnection calciteConnection(Properties info) throws SQLException {
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
    Connection c = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", p);
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

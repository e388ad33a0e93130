package io.thermocline.sql.server;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.sql.jdbc.ThermoDriver;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The remote JDBC endpoint of one open database (DESIGN.md section 8): an Avatica HTTP server
 * (Jetty, protobuf serialization) that clients reach with {@code
 * jdbc:thermocline:remote:url=http://host:port} and the connection properties {@code user} and
 * {@code password}.
 *
 * <pre>{@code
 * try (JdbcServer server = JdbcServer.start(database, JdbcServerOptions.of(authenticator))) {
 *   String url = server.url(); // hand to clients
 *   ...
 * }
 * }</pre>
 *
 * <p>Each client connection is authenticated once, when it opens, by the options' {@link
 * io.thermocline.sql.security.Authenticator}, and then runs as that user: every statement is
 * checked against the user's role before it runs. Avatica identifies later requests of a connection
 * by its random id, so put the server behind TLS (or on localhost) when the network is not trusted.
 * The server neither opens nor closes the database; close the server first.
 *
 * <p>Concurrency: thread-safe; Jetty serves requests on its own pool, each connection is used by
 * one request at a time. {@link #close} is idempotent.
 */
public final class JdbcServer implements AutoCloseable {
  private final HttpServer http;
  private final AuthenticatingMeta meta;
  private final String host;
  private boolean closed;

  private JdbcServer(HttpServer http, AuthenticatingMeta meta, String host) {
    this.http = http;
    this.meta = meta;
    this.host = host;
  }

  /** Starts serving {@code database}; returns once the port is bound. */
  public static JdbcServer start(Database database, JdbcServerOptions options) {
    AuthenticatingMeta meta;
    try {
      meta = new AuthenticatingMeta(database, options.authenticator());
    } catch (SQLException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "cannot create the JDBC service", e);
    }
    ServerCustomizer<Server> bind =
        server -> {
          for (Connector c : server.getConnectors()) {
            if (c instanceof ServerConnector sc) {
              sc.setHost(options.host());
            }
          }
        };
    HttpServer http =
        HttpServer.Builder.<Server>newBuilder()
            .withHandler(new LocalService(meta), Serialization.PROTOBUF)
            .withPort(options.port())
            .withServerCustomizers(List.of(bind), Server.class)
            .build();
    try {
      http.start();
    } catch (RuntimeException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot start the JDBC server on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + rootMessage(e),
          e);
    }
    return new JdbcServer(http, meta, options.host());
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  /** The TCP port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /** The JDBC URL clients use, e.g. {@code jdbc:thermocline:remote:url=http://localhost:8765}. */
  public String url() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return ThermoDriver.REMOTE_PREFIX + "url=http://" + h + ":" + port();
  }

  /** Stops accepting requests and closes the open client connections. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      http.stop();
    } finally {
      meta.closeAll();
    }
  }
}

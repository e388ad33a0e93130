package io.thermocline.admincli.server;

import io.thermocline.admincli.admin.BackupAdmin;
import io.thermocline.admincli.admin.PolicyAdmin;
import io.thermocline.admincli.admin.ServerStatus;
import io.thermocline.admincli.admin.TableAdmin;
import io.thermocline.admincli.audit.AuditEntry;
import io.thermocline.admincli.audit.AuditLog;
import io.thermocline.admincli.security.UserStore;
import io.thermocline.aging.AgingService;
import io.thermocline.common.config.Config;
import io.thermocline.engine.Database;
import io.thermocline.engine.Thermocline;
import io.thermocline.sql.security.Role;
import io.thermocline.sql.server.JdbcServer;
import io.thermocline.sql.server.JdbcServerOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code thermo server}: the database (which holds its data directory's lock, so a second
 * server on the same directory is refused), the aging scheduler, the JDBC endpoint, the admin HTTP
 * API with {@code /metrics}, the users and the audit log. {@link #close()} stops them in reverse
 * order and checkpoints the hot tier before the database closes, so the next start replays no log;
 * it is what the SIGTERM hook runs.
 *
 * <p>Concurrency: started once on one thread; {@link #close()} is idempotent and may run on the
 * shutdown hook's thread while requests are in flight (they fail with "closed").
 */
public final class ThermoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ThermoServer.class);

  private final Database db;
  private final AgingService aging;
  private final boolean ownsAging;
  private final UserStore users;
  private final AuditLog audit;
  private final AdminHttpServer http;
  private final JdbcServer jdbc;
  private final String host;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ThermoServer(
      Database db,
      AgingService aging,
      boolean ownsAging,
      UserStore users,
      AuditLog audit,
      AdminHttpServer http,
      JdbcServer jdbc,
      String host) {
    this.db = db;
    this.aging = aging;
    this.ownsAging = ownsAging;
    this.users = users;
    this.audit = audit;
    this.http = http;
    this.jdbc = jdbc;
    this.host = host;
  }

  /** Opens the data directory and starts every endpoint; fails if another process holds it. */
  public static ThermoServer start(ServerOptions options) {
    Config config = options.config();
    Database db = Thermocline.open(options.dataDirectory(), config);
    List<AutoCloseable> opened = new ArrayList<>();
    opened.add(db);
    try {
      // The aging extension attached a service when the database opened, unless the settings
      // turned extensions off; then the server runs one itself.
      AgingService attached = AgingService.of(db).orElse(null);
      AgingService aging =
          attached != null ? attached : AgingService.start(db, config, Clock.systemUTC());
      if (attached == null) {
        opened.add(0, aging);
      }
      UserStore users =
          UserStore.open(options.dataDirectory(), config.get(ServerSettings.PASSWORD_ITERATIONS));
      String generated = users.bootstrap(options.initialAdminPassword());
      AuditLog audit = AuditLog.open(options.dataDirectory());
      opened.add(0, audit);
      UsersView usersView = new UsersView(users);
      db.system().register(usersView);
      opened.add(0, () -> db.system().unregister(usersView));
      if (generated != null) {
        audit.record(
            AuditEntry.now("server", "user.add", UserStore.FIRST_ADMIN, "OK", "first start"));
        options
            .out()
            .println(
                "first start: created user "
                    + UserStore.FIRST_ADMIN
                    + " (ADMIN) with the generated password "
                    + generated
                    + " (shown only now; change it: thermo user passwd "
                    + UserStore.FIRST_ADMIN
                    + ")");
      }
      String host = config.get(ServerSettings.HOST);
      JdbcServer jdbc =
          JdbcServer.start(
              db,
              new JdbcServerOptions(
                  host, config.get(ServerSettings.JDBC_PORT), users.asAuthenticator()));
      opened.add(0, jdbc);
      TableAdmin tables = new TableAdmin(db);
      PolicyAdmin policies = new PolicyAdmin(db, aging);
      BackupAdmin backups = new BackupAdmin(db);
      AdminHttpServer[] httpRef = new AdminHttpServer[1];
      long started = System.currentTimeMillis();
      List<Route> extra = new ArrayList<>(BackupRoutes.build(backups));
      extra.add(
          Route.of(
              "GET",
              "/api/endpoints",
              Role.REPORTER,
              null,
              q -> Map.of("jdbcUrl", jdbc.url(), "jdbcPort", jdbc.port())));
      List<Route> routes =
          AdminRoutes.build(
              db,
              tables,
              policies,
              extra,
              users,
              audit,
              () -> ServerStatus.of(db, tables, policies, lastBackup(backups), started),
              () ->
                  PrometheusMetrics.render(
                      db, aging.metrics(), httpRef[0], BackupRoutes.gauges(backups)));
      AdminHttpServer http =
          AdminHttpServer.start(
              host,
              config.get(ServerSettings.ADMIN_PORT),
              config.get(ServerSettings.HTTP_THREADS),
              routes,
              users,
              audit);
      httpRef[0] = http;
      ThermoServer server =
          new ThermoServer(db, aging, attached == null, users, audit, http, jdbc, host);
      audit.record(
          AuditEntry.now("server", "server.start", db.dataDirectory().toString(), "OK", null));
      return server;
    } catch (RuntimeException | Error e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The newest backup for the status page; a target that cannot be read shows as none. */
  private static Object lastBackup(BackupAdmin backups) {
    try {
      return backups.last();
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  public Database database() {
    return db;
  }

  public UserStore users() {
    return users;
  }

  public int adminPort() {
    return http.port();
  }

  /** The admin API's base URL, e.g. {@code http://127.0.0.1:8766}. */
  public String adminUrl() {
    return "http://" + urlHost() + ":" + http.port();
  }

  private String urlHost() {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  /** The JDBC URL clients connect with, e.g. {@code jdbc:thermocline:remote:url=http://h:8765}. */
  public String jdbcUrl() {
    return jdbc.url();
  }

  public int jdbcPort() {
    return jdbc.port();
  }

  /** Stops the endpoints, checkpoints the hot tier and closes the database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    http.close();
    jdbc.close();
    if (ownsAging) {
      aging.close();
    }
    try {
      db.checkpoint();
    } catch (RuntimeException e) {
      // The log still has every commit; the next start replays it instead.
      LOG.warn("checkpoint at shutdown failed; the next start replays the log", e);
    }
    audit.record(
        AuditEntry.now("server", "server.stop", db.dataDirectory().toString(), "OK", null));
    try {
      db.close();
    } finally {
      audit.close();
    }
  }
}

package io.thermocline.admincli.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.audit.AuditEntry;
import io.thermocline.admincli.audit.AuditLog;
import io.thermocline.admincli.security.UserAccount.UserInfo;
import io.thermocline.admincli.security.UserStore;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP API: JSON over HTTP, HTTP basic authentication against the {@link UserStore} on
 * every request, the route's least role checked before it runs, every state-changing action (and
 * every refusal) written to the {@link AuditLog}. Errors are JSON {@code {"code": "TC-nnnn",
 * "message": ...}} with a status that fits the code.
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver}: the API serves a handful of admin
 * requests a minute plus a metrics scrape, so a dependency-free server is enough, and it keeps the
 * admin API independent of the Jetty version Avatica pins for the JDBC endpoint.
 *
 * <p>Concurrency: requests run on a fixed pool ({@code server.http.threads}); routes are immutable,
 * and the operations they call are thread-safe.
 */
public final class AdminHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

  private final HttpServer http;
  private final ExecutorService pool;
  private final List<Route> routes;
  private final UserStore users;
  private final AuditLog audit;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  private AdminHttpServer(
      HttpServer http, ExecutorService pool, List<Route> routes, UserStore users, AuditLog audit) {
    this.http = http;
    this.pool = pool;
    this.routes = List.copyOf(routes);
    this.users = users;
    this.audit = audit;
  }

  /** Binds and starts serving {@code routes}. */
  static AdminHttpServer start(
      String host, int port, int threads, List<Route> routes, UserStore users, AuditLog audit) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot listen on " + host + ":" + port + " for the admin API: " + e.getMessage(),
          e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "thermo-admin-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    AdminHttpServer s = new AdminHttpServer(http, pool, routes, users, audit);
    http.createContext("/", s::serve);
    http.setExecutor(pool);
    http.start();
    return s;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  long failures() {
    return failures.get();
  }

  private void serve(HttpExchange ex) {
    requests.incrementAndGet();
    try (ex) {
      dispatch(ex);
    } catch (IOException | RuntimeException e) {
      // The client went away mid-response; nothing more can be told to it.
      LOG.debug("admin request {} {} ended early", ex.getRequestMethod(), ex.getRequestURI(), e);
    }
  }

  private void dispatch(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Route route = null;
    Matcher match = null;
    boolean pathKnown = false;
    for (Route r : routes) {
      Matcher m = r.path().matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (r.method().equals(method)) {
          route = r;
          match = m;
          break;
        }
      }
    }
    if (route == null) {
      drain(ex.getRequestBody());
      sendError(
          ex,
          pathKnown ? 405 : 404,
          ErrorCode.INVALID_ARGUMENT.code(),
          pathKnown ? method + " is not allowed on " + path : "no admin endpoint " + path);
      return;
    }
    UserInfo user;
    try {
      user = authenticate(ex);
    } catch (ThermoException e) {
      drain(ex.getRequestBody());
      audit.record(AuditEntry.now(claimedUser(ex), "login", path, e.code().code(), e.getMessage()));
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"thermocline\"");
      sendError(ex, 401, e.code().code(), message(e));
      return;
    }
    List<String> params = new ArrayList<>();
    for (int g = 1; g <= match.groupCount(); g++) {
      params.add(URLDecoder.decode(match.group(g), StandardCharsets.UTF_8));
    }
    AdminRequest request =
        new AdminRequest(user, params, ex.getRequestURI().getRawQuery(), ex.getRequestBody());
    if (!AccessRules.permits(user.role(), route.required())) {
      drain(ex.getRequestBody());
      ThermoException denied =
          new ThermoException(
              ErrorCode.PERMISSION_DENIED,
              "user "
                  + user.name()
                  + " (role "
                  + user.role()
                  + ") may not "
                  + (route.action() == null ? "read " + path : route.action())
                  + "; it needs the role "
                  + route.required());
      audit(user, route, request, denied.code().code(), message(denied));
      sendError(ex, 403, denied.code().code(), message(denied));
      return;
    }
    Object result;
    try {
      result = route.handler().handle(request);
    } catch (Exception e) {
      failures.incrementAndGet();
      drain(ex.getRequestBody());
      ThermoException te = asThermo(e);
      if (te.code() == ErrorCode.INTERNAL) {
        LOG.warn("admin request {} {} failed", method, path, e);
      }
      if (route.action() != null) {
        audit(user, route, request, te.code().code(), message(te));
      }
      sendError(ex, status(te.code()), te.code().code(), message(te));
      return;
    }
    drain(ex.getRequestBody());
    if (result instanceof ProgressWork work) {
      streamProgress(ex, user, route, request, work);
      return;
    }
    if (route.action() != null) {
      audit(user, route, request, "OK", null);
    }
    if (result instanceof TextBody text) {
      send(ex, 200, text.contentType(), text.text().getBytes(StandardCharsets.UTF_8));
      return;
    }
    Object body = result == null ? AdminJson.mapper().createObjectNode().put("ok", true) : result;
    send(ex, 200, "application/json", AdminJson.mapper().writeValueAsBytes(body));
  }

  /**
   * Runs long work, sending its progress as JSON lines (at most five a second) and then its result
   * or error; the status is 200 either way, since it went out with the first line.
   */
  private void streamProgress(
      HttpExchange ex, UserInfo user, Route route, AdminRequest request, ProgressWork work)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      long[] last = {0};
      Object result;
      try {
        result =
            work.work()
                .run(
                    (done, total) -> {
                      long now = System.nanoTime();
                      if (now - last[0] < 200_000_000L && done < total) {
                        return;
                      }
                      last[0] = now;
                      ObjectNode p = AdminJson.mapper().createObjectNode();
                      p.put("done", done);
                      p.put("total", total);
                      writeLine(out, p);
                    });
      } catch (Exception e) {
        failures.incrementAndGet();
        ThermoException te = asThermo(e);
        if (te.code() == ErrorCode.INTERNAL) {
          LOG.warn("admin request {} failed", route.action(), e);
        }
        audit(user, route, request, te.code().code(), message(te));
        ObjectNode err = AdminJson.mapper().createObjectNode();
        err.putObject("error").put("code", te.code().code()).put("message", message(te));
        writeLine(out, err);
        return;
      }
      audit(user, route, request, "OK", null);
      ObjectNode done = AdminJson.mapper().createObjectNode();
      done.set("result", AdminJson.mapper().valueToTree(result));
      writeLine(out, done);
    }
  }

  private static void writeLine(OutputStream out, Object node) {
    try {
      out.write(AdminJson.mapper().writeValueAsBytes(node));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      // The client stopped listening; the work goes on and is audited.
      LOG.debug("progress line not delivered", e);
    }
  }

  private void audit(UserInfo user, Route route, AdminRequest request, String outcome, String d) {
    audit.record(
        AuditEntry.now(
            user.name(),
            route.action() == null ? "read" : route.action(),
            request.target(),
            outcome,
            d));
  }

  private UserInfo authenticate(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw new ThermoException(
          ErrorCode.AUTHENTICATION_FAILED,
          "authentication required (HTTP basic: user and password)");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ThermoException(ErrorCode.AUTHENTICATION_FAILED, "malformed basic credentials");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new ThermoException(ErrorCode.AUTHENTICATION_FAILED, "malformed basic credentials");
    }
    return users.authenticate(
        decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
  }

  private static String claimedUser(HttpExchange ex) {
    try {
      String header = ex.getRequestHeaders().getFirst("Authorization");
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? "?" : decoded.substring(0, colon);
    } catch (RuntimeException e) {
      return "?";
    }
  }

  static ThermoException asThermo(Exception e) {
    if (e instanceof ThermoException te) {
      return te;
    }
    if (e instanceof IOException) {
      return new ThermoException(ErrorCode.IO_ERROR, String.valueOf(e.getMessage()), e);
    }
    return new ThermoException(ErrorCode.INTERNAL, e.toString(), e);
  }

  /** The HTTP status of an error code. */
  static int status(ErrorCode code) {
    return switch (code) {
      case AUTHENTICATION_FAILED -> 401;
      case PERMISSION_DENIED -> 403;
      case UNKNOWN_TABLE, UNKNOWN_PROCEDURE -> 404;
      case SERIALIZATION_FAILURE, DATA_DIRECTORY_IN_USE, TRANSACTION_CLOSED -> 409;
      case BACKUP_DAMAGED, CORRUPT_FILE -> 422;
      case INTERNAL, IO_ERROR, COLD_TIER_UNAVAILABLE, FORMAT_TOO_NEW, FORMAT_TOO_OLD -> 500;
      default -> 400;
    };
  }

  /** The message without the code prefix (the JSON carries the code in its own field). */
  static String message(ThermoException e) {
    String m = String.valueOf(e.getMessage());
    String prefix = e.code().code() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  private static void sendError(HttpExchange ex, int status, String code, String message)
      throws IOException {
    ObjectNode err = AdminJson.mapper().createObjectNode();
    err.put("code", code);
    err.put("message", message);
    send(ex, status, "application/json", AdminJson.mapper().writeValueAsBytes(err));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Reads what the client still sends, so it sees the response instead of a reset connection. */
  private static void drain(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client stopped sending; the response may still reach it
    }
  }

  @Override
  public void close() {
    http.stop(1);
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

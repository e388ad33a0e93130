package io.thermocline.sql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Makes the errors of a remote connection read like the embedded driver's. Avatica reports a server
 * failure as {@code Error -1 (00000) : Error while executing SQL "...": Remote driver error:
 * RuntimeException: ... -> SQLException: TC-1009: unknown table X -> ...}, the whole cause chain in
 * one line; the client sees {@code TC-1009: unknown table X} with SQLState {@code TC-1009}, the
 * Avatica exception (and the server's stack traces) as the cause. Wraps the connection and the
 * statements and metadata it hands out in JDK proxies; stateless apart from the delegates.
 */
final class RemoteErrors implements InvocationHandler {
  private static final Pattern CODED =
      Pattern.compile("(TC-\\d{4}): ([^\\r\\n]+?)(?= -> |\\r|\\n|$)");
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("^(?:Remote driver error: )?(?:[\\w.$]+(?:Exception|Error): )+");

  private final Object delegate;
  private final Connection connection;

  private RemoteErrors(Object delegate, Connection connection) {
    this.delegate = delegate;
    this.connection = connection;
  }

  static Connection wrap(Connection c) {
    Connection[] self = new Connection[1];
    self[0] =
        (Connection)
            Proxy.newProxyInstance(
                RemoteErrors.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> new RemoteErrors(c, self[0]).invoke(proxy, method, args));
    return self[0];
  }

  private <T> T proxy(T target, Class<T> type) {
    return type.cast(
        Proxy.newProxyInstance(
            RemoteErrors.class.getClassLoader(),
            new Class<?>[] {type},
            new RemoteErrors(target, connection)));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(self)) {
      return self;
    }
    if (delegate instanceof DatabaseMetaData) {
      // Avatica's protocol has no primary-key request and names itself: answer as embedded does.
      switch (name) {
        case "getPrimaryKeys":
          return MetaDataHandler.primaryKeys(connection, (String) args[1], (String) args[2]);
        case "getConnection":
          return connection;
        case "getDatabaseProductName":
          return "Thermocline";
        case "getDriverName":
          return "Thermocline JDBC (remote)";
        default:
          break;
      }
    }
    if (name.equals("getConnection") && delegate instanceof Statement) {
      return connection;
    }
    Object result;
    try {
      result = method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw declared(translate(e.getCause()), method);
    }
    if (name.equals("unwrap") || name.equals("isWrapperFor")) {
      return result;
    }
    Class<?> r = method.getReturnType();
    if (result instanceof CallableStatement s && r == CallableStatement.class) {
      return proxy(s, CallableStatement.class);
    }
    if (result instanceof PreparedStatement s && r == PreparedStatement.class) {
      return proxy(s, PreparedStatement.class);
    }
    if (result instanceof Statement s && r == Statement.class) {
      return proxy(s, Statement.class);
    }
    if (result instanceof DatabaseMetaData m && r == DatabaseMetaData.class) {
      return proxy(m, DatabaseMetaData.class);
    }
    return result;
  }

  /**
   * An unchecked failure of the transport (server gone, connection refused) as the SQLException a
   * JDBC method declares, SQLState 08006 (connection failure) when the root cause is an I/O error.
   */
  private static Throwable declared(Throwable t, Method method) {
    if (!(t instanceof RuntimeException)
        || !java.util.Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
      return t;
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    boolean io = root instanceof java.io.IOException;
    return new SQLException(
        (io ? "cannot reach the Thermocline server: " : "remote call failed: ") + root.getMessage(),
        io ? "08006" : null,
        t);
  }

  /**
   * The readable form of a remote failure: the first coded message (TC-nnnn) in Avatica's error
   * text or in the server's stack traces it carries, else the first message of the chain without
   * exception class names. Anything not from Avatica is returned as is.
   */
  static Throwable translate(Throwable t) {
    List<String> texts = new ArrayList<>();
    String state = null;
    if (t instanceof AvaticaSqlException a) {
      texts.add(String.valueOf(a.getErrorMessage()));
      texts.addAll(a.getStackTraces());
      state = a.getSQLState();
    } else if (t instanceof AvaticaClientRuntimeException r) {
      texts.add(String.valueOf(r.getMessage()));
      if (r.getServerExceptions() != null) {
        texts.addAll(r.getServerExceptions());
      }
    } else {
      return t;
    }
    for (String text : texts) {
      Matcher coded = CODED.matcher(text);
      if (coded.find()) {
        return new SQLException(coded.group(1) + ": " + coded.group(2), coded.group(1), t);
      }
    }
    String text = texts.get(0);
    int remote = text.indexOf("Remote driver error: ");
    String first = remote < 0 ? text : text.substring(remote);
    int arrow = first.indexOf(" -> ");
    if (arrow >= 0) {
      first = first.substring(0, arrow);
    }
    first = EXCEPTION_PREFIX.matcher(first).replaceFirst("");
    return new SQLException(first, state, t);
  }
}

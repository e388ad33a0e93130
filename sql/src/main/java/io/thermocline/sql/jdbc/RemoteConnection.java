package io.thermocline.sql.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens {@code jdbc:thermocline:remote:url=http://host:port[;...]} through Avatica's remote driver
 * (protobuf serialization unless the URL names one). Stateless.
 */
final class RemoteConnection {
  private RemoteConnection() {}

  static Connection connect(String avaticaParameters, Properties info) throws SQLException {
    String url = "jdbc:avatica:remote:" + avaticaParameters;
    if (!avaticaParameters.contains("serialization=")) {
      url += ";serialization=protobuf";
    }
    Connection c;
    try {
      c = new org.apache.calcite.avatica.remote.Driver().connect(url, info);
    } catch (SQLException | RuntimeException e) {
      Throwable t = RemoteErrors.translate(e);
      if (t instanceof SQLException s) {
        throw s;
      }
      throw new SQLException("cannot connect to " + avaticaParameters + ": " + e.getMessage(), e);
    }
    return RemoteErrors.wrap(c);
  }
}

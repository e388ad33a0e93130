package io.thermocline.sql.jdbc;

import io.thermocline.sql.schema.ThermoSchema;
import io.thermocline.sql.system.SysSchema;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The connection's {@link DatabaseMetaData}: Calcite's (tables, columns, schemas, table types —
 * system views are of type SYSTEM TABLE), with what Calcite leaves empty filled in: primary keys
 * (from {@code SYS.COLUMNS}) and the product and driver names. Stateless apart from its delegate.
 */
final class MetaDataHandler implements InvocationHandler {
  private static final String PRIMARY_KEYS =
      "SELECT CAST(NULL AS VARCHAR(1)) AS TABLE_CAT, CAST('"
          + ThermoSchema.NAME
          + "' AS VARCHAR(128)) AS TABLE_SCHEM, TABLE_NAME, COLUMN_NAME,"
          + " CAST(PRIMARY_KEY_POSITION AS SMALLINT) AS KEY_SEQ,"
          + " CAST('PK_' || TABLE_NAME AS VARCHAR(131)) AS PK_NAME"
          + " FROM "
          + SysSchema.NAME
          + ".COLUMNS WHERE PRIMARY_KEY_POSITION IS NOT NULL AND TABLE_NAME = CAST(? AS VARCHAR(128))"
          + " AND CAST(? AS VARCHAR(128)) IN ('"
          + ThermoSchema.NAME
          + "', '*') ORDER BY COLUMN_NAME";

  /** The table types there are, as getTableTypes returns them (sorted, as JDBC asks). */
  static final String TABLE_TYPES =
      "SELECT * FROM (VALUES (CAST('SYSTEM TABLE' AS VARCHAR(12))), ('TABLE'), ('VIEW'))"
          + " AS T (TABLE_TYPE) ORDER BY TABLE_TYPE";

  private final DatabaseMetaData delegate;
  private final ConnectionHandler connection;

  private MetaDataHandler(DatabaseMetaData delegate, ConnectionHandler connection) {
    this.delegate = delegate;
    this.connection = connection;
  }

  static DatabaseMetaData wrap(DatabaseMetaData delegate, ConnectionHandler connection) {
    return (DatabaseMetaData)
        Proxy.newProxyInstance(
            MetaDataHandler.class.getClassLoader(),
            new Class<?>[] {DatabaseMetaData.class},
            new MetaDataHandler(delegate, connection));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getConnection":
        return connection.proxy();
      case "getPrimaryKeys":
        return primaryKeys(connection.calcite(), (String) args[1], (String) args[2]);
      case "getTableTypes":
        return query(connection.calcite(), TABLE_TYPES);
      case "getColumns":
        try {
          return ColumnsResultHandler.wrap((ResultSet) method.invoke(delegate, args));
        } catch (InvocationTargetException e) {
          throw SqlErrors.of(e.getCause());
        }
      case "getDatabaseProductName":
        return "Thermocline";
      case "getDriverName":
        return "Thermocline JDBC";
      case "getDriverVersion":
      case "getDatabaseProductVersion":
        return "0.1";
      case "getDriverMajorVersion":
      case "getDatabaseMajorVersion":
        return 0;
      case "getDriverMinorVersion":
      case "getDatabaseMinorVersion":
        return 1;
      case "getURL":
        return null;
      // Snapshot isolation: a transaction reads one snapshot, which JDBC calls repeatable read.
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "supportsTransactionIsolationLevel":
        return (Integer) args[0] == Connection.TRANSACTION_REPEATABLE_READ
            || (Integer) args[0] == Connection.TRANSACTION_NONE;
      case "supportsTransactions":
        return true;
      case "getUserName":
        return connection.userName();
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(self)) {
          return self;
        }
        break;
      case "isWrapperFor":
        if (((Class<?>) args[0]).isInstance(self)) {
          return true;
        }
        break;
      default:
        break;
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw SqlErrors.of(e.getCause());
    }
  }

  /**
   * JDBC's getPrimaryKeys over {@code c} (an embedded or a remote connection); a null schema means
   * any, the table name is matched exactly.
   */
  static ResultSet primaryKeys(Connection c, String schema, String table) throws SQLException {
    PreparedStatement s = c.prepareStatement(PRIMARY_KEYS);
    s.setString(1, table);
    s.setString(2, schema == null ? "*" : schema);
    s.closeOnCompletion();
    return s.executeQuery();
  }

  static ResultSet query(Connection c, String sql) throws SQLException {
    Statement s = c.createStatement();
    s.closeOnCompletion();
    return s.executeQuery(sql);
  }
}

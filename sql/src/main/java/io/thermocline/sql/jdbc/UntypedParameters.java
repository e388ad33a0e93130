package io.thermocline.sql.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Parameter metadata of a statement the driver runs itself (DML, CALL): the number of {@code ?},
 * each of type OTHER, nullable and IN, because the value is converted to the target column's type
 * when the statement runs. Enough for Avatica's server to prepare the statement for a remote
 * client. Immutable.
 */
final class UntypedParameters implements ParameterMetaData {
  private final int count;

  UntypedParameters(int count) {
    this.count = count;
  }

  /** The metadata of the {@code ?} in {@code node}. */
  static UntypedParameters of(SqlNode node) {
    int[] n = {0};
    node.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlDynamicParam param) {
            n[0] = Math.max(n[0], param.getIndex() + 1);
            return null;
          }
        });
    return new UntypedParameters(n[0]);
  }

  @Override
  public int getParameterCount() {
    return count;
  }

  private void check(int param) throws SQLException {
    if (param < 1 || param > count) {
      throw new SQLException("parameter " + param + " out of range 1.." + count);
    }
  }

  @Override
  public int isNullable(int param) throws SQLException {
    check(param);
    return parameterNullable;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    check(param);
    return true;
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    check(param);
    return 0;
  }

  @Override
  public int getScale(int param) throws SQLException {
    check(param);
    return 0;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    check(param);
    return Types.OTHER;
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    check(param);
    return "ANY";
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    check(param);
    return Object.class.getName();
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    check(param);
    return parameterModeIn;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}

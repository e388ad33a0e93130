package io.thermocline.sql.ddl;

import io.thermocline.sql.parser.ThermoSqlParserImpl;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * The parser factory the driver hands Calcite: our generated parser, and {@link ThermoDdlExecutor}
 * for the DDL it produces (as calcite-server pairs its parser with its executor). Stateless.
 */
public final class ThermoParserFactory implements SqlParserImplFactory {
  public static final ThermoParserFactory INSTANCE = new ThermoParserFactory();

  @Override
  public SqlAbstractParserImpl getParser(Reader stream) {
    return ThermoSqlParserImpl.FACTORY.getParser(stream);
  }

  @Override
  public DdlExecutor getDdlExecutor() {
    return ThermoDdlExecutor.INSTANCE;
  }
}

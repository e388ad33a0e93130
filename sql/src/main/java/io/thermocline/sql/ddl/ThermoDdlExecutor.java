package io.thermocline.sql.ddl;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.engine.Session;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.sql.jdbc.SessionState;
import io.thermocline.sql.parser.ddl.SqlAlterTableSetAgingRule;
import io.thermocline.sql.parser.ddl.SqlAlterTableSetAgingSchedule;
import io.thermocline.sql.parser.ddl.SqlAlterTableSwitchAging;
import io.thermocline.sql.parser.ddl.SqlColumnDefinition;
import io.thermocline.sql.parser.ddl.SqlCreateIndex;
import io.thermocline.sql.parser.ddl.SqlCreateThermoTable;
import io.thermocline.sql.parser.ddl.SqlDropIndex;
import io.thermocline.sql.parser.ddl.SqlDropThermoTable;
import io.thermocline.sql.schema.ThermoSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

/**
 * Maps the extended parser's DDL onto engine catalog calls through the connection's session
 * (autocommit DDL, as the engine runs it). Stateless; the session is found through the {@link
 * ThermoSchema} registered in the statement's root schema.
 */
public final class ThermoDdlExecutor implements DdlExecutor {
  public static final ThermoDdlExecutor INSTANCE = new ThermoDdlExecutor();

  // Aging rules go to the engine as text its own rule parser reads: identifiers unquoted.
  private static final SqlDialect RULE_DIALECT =
      new SqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString(null));

  @Override
  public void executeDdl(CalcitePrepare.Context context, SqlNode node) {
    SessionState state = stateOf(context);
    Session session = state.session();
    if (node instanceof SqlCreateThermoTable create) {
      createTable(session, state, create);
    } else if (node instanceof SqlDropThermoTable drop) {
      String name = tableName(drop.name());
      if (drop.ifExists() && !exists(state, name)) {
        return;
      }
      session.dropTable(name);
    } else if (node instanceof SqlAlterTableSwitchAging a) {
      session.alterTable(tableName(a.table()), new TableChange.SetAgingEnabled(a.enable()));
    } else if (node instanceof SqlAlterTableSetAgingRule a) {
      session.alterTable(
          tableName(a.table()), new TableChange.SetAgingRule(AgingRule.parse(ruleText(a.rule()))));
    } else if (node instanceof SqlCreateIndex index) {
      IndexHints.create(state.database(), index);
    } else if (node instanceof SqlDropIndex) {
      // Indexes are hints that are never stored (see IndexHints): nothing to drop.
      return;
    } else if (node instanceof SqlAlterTableSetAgingSchedule a) {
      session.alterTable(tableName(a.table()), new TableChange.SetAgingSchedule(a.schedule()));
    } else {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED, "statement " + node.getKind() + " is not supported yet");
    }
  }

  private static void createTable(Session session, SessionState state, SqlCreateThermoTable c) {
    String name = tableName(c.name());
    if (c.ifNotExists() && exists(state, name)) {
      return;
    }
    List<Column> columns = new ArrayList<>();
    for (SqlColumnDefinition d : c.columns()) {
      if (d.defaultValue() != null) {
        throw new ThermoException(
            ErrorCode.UNSUPPORTED,
            "table " + name + ": column " + d.columnName() + " has a DEFAULT, not supported yet");
      }
      columns.add(
          new Column(d.columnName(), ColumnTypes.of(d.dataType(), d.columnName()), !d.isNotNull()));
    }
    Schema schema = new Schema(columns, c.primaryKeyColumns(), null);
    if (c.coldPartitionColumn() != null) {
      schema = schema.withTimeColumn(c.coldPartitionColumn().getSimple());
    } else if (c.series() != null) {
      schema = schema.withTimeColumn(c.series().periodColumnName());
    }
    TableDefinition def;
    if (c.usesExtendedStorage()) {
      def = TableDefinition.cold(name, schema);
    } else if (c.isHybrid()) {
      def = TableDefinition.hybrid(name, schema);
    } else {
      def = TableDefinition.hot(name, schema);
    }
    if (c.agingFlag() != null) {
      def = def.withAgingFlag(c.agingFlag().getSimple());
    }
    if (c.agingRule() != null) {
      def = def.withAgingRule(ruleText(c.agingRule()));
    }
    if (c.agingSchedule() != null) {
      def = def.withAgingSchedule(c.agingSchedule());
    }
    if (c.coldPartitionGranularity() != null) {
      def = def.withColdPartitioning(ColdPartitioning.valueOf(c.coldPartitionGranularity().name()));
    }
    if (c.series() != null) {
      def = def.withSeries(SeriesDefinitions.of(name, c.series()));
    }
    session.createTable(def);
  }

  private static boolean exists(SessionState state, String name) {
    return state.database().tables().stream().anyMatch(d -> d.name().equals(name));
  }

  private static String ruleText(SqlNode rule) {
    return rule.toSqlString(RULE_DIALECT).getSql();
  }

  /** The table part of a possibly schema-qualified name. */
  public static String tableName(SqlIdentifier id) {
    return id.names.get(id.names.size() - 1);
  }

  private static SessionState stateOf(CalcitePrepare.Context context) {
    CalciteSchema sub = context.getRootSchema().getSubSchema(ThermoSchema.NAME, true);
    if (sub == null || !(sub.schema instanceof ThermoSchema)) {
      throw new ThermoException(
          ErrorCode.INTERNAL,
          "DDL needs a Thermocline connection (schema " + ThermoSchema.NAME + ")");
    }
    return (SessionState) ((ThermoSchema) sub.schema).owner();
  }
}

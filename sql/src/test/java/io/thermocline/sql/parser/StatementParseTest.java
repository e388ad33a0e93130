package io.thermocline.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.sql.parser.ddl.SqlAlterTableAddColumn;
import io.thermocline.sql.parser.ddl.SqlAlterTableSetAgingRule;
import io.thermocline.sql.parser.ddl.SqlAlterTableSetAgingSchedule;
import io.thermocline.sql.parser.ddl.SqlAlterTableSwitchAging;
import io.thermocline.sql.parser.ddl.SqlBackupData;
import io.thermocline.sql.parser.ddl.SqlCreateIndex;
import io.thermocline.sql.parser.ddl.SqlCreateThermoTable;
import io.thermocline.sql.parser.ddl.SqlDropIndex;
import io.thermocline.sql.parser.ddl.SqlDropThermoTable;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.junit.jupiter.api.Test;

class StatementParseTest {
  private final ThermoSqlParser parser = new ThermoSqlParser();

  /** DESIGN.md section 2's example block, with only its two "(...)" placeholders filled in. */
  private static final String DESIGN_EXAMPLES =
      """
      -- hot-only column table
      CREATE TABLE regions (code VARCHAR(8) PRIMARY KEY, name VARCHAR(64));

      -- hybrid table: hot partition(s) in memory, cold partition(s) on disk, aging by a flag
      CREATE HYBRID TABLE orders (
        id BIGINT PRIMARY KEY, region VARCHAR(8), amount DECIMAL(12,2),
        created_at TIMESTAMP NOT NULL, status VARCHAR(10))
        AGING FLAG _aged                                   -- system column BOOLEAN NOT NULL DEFAULT FALSE
        AGING RULE (created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND status = 'CLOSED')
        AGING SCHEDULE 'EVERY 15 MINUTES'                  -- or a Quartz cron: 'CRON 0 0 2 * * ?'
        COLD PARTITION BY MONTH(created_at);               -- cold files grouped by month

      -- cold-only table: loads go straight to disk (HANA: USING EXTENDED STORAGE)
      CREATE TABLE raw_events (%s) USING EXTENDED STORAGE;

      -- equidistant series table (can also be HYBRID with aging)
      CREATE HYBRID TABLE meter (meter_id INTEGER, ts TIMESTAMP, kwh DOUBLE, volts DOUBLE)
        SERIES (SERIES KEY (meter_id) PERIOD FOR SERIES (ts)
                EQUIDISTANT INCREMENT BY INTERVAL '15' MINUTE MISSING ELEMENTS ALLOWED)
        AGING RULE (ts < CURRENT_TIMESTAMP - INTERVAL '30' DAY);

      ALTER TABLE orders SET AGING RULE (%s);  ALTER TABLE orders SET AGING SCHEDULE '...';
      ALTER TABLE orders ENABLE AGING;  ALTER TABLE orders DISABLE AGING;
      CALL SYS.RUN_AGING('ORDERS');                         -- one run now, returns rows moved
      BACKUP DATA USING FILE ('nightly-1');                 -- online, consistent across tiers
      """
          .formatted("ts TIMESTAMP, payload VARCHAR(100)", "status = 'ARCHIVED'");

  @Test
  void designSectionTwoExamplesParse() {
    List<SqlNode> statements = parser.parseScript(DESIGN_EXAMPLES);
    assertThat(statements)
        .extracting(n -> n.getClass().getSimpleName())
        .containsExactly(
            "SqlCreateThermoTable",
            "SqlCreateThermoTable",
            "SqlCreateThermoTable",
            "SqlCreateThermoTable",
            "SqlAlterTableSetAgingRule",
            "SqlAlterTableSetAgingSchedule",
            "SqlAlterTableSwitchAging",
            "SqlAlterTableSwitchAging",
            "SqlBasicCall",
            "SqlBackupData");
    assertThat(((SqlCreateThermoTable) statements.get(1)).agingSchedule())
        .isEqualTo("EVERY 15 MINUTES");
    assertThat(((SqlCreateThermoTable) statements.get(2)).usesExtendedStorage()).isTrue();
    assertThat(((SqlCreateThermoTable) statements.get(3)).series().isEquidistant()).isTrue();
    assertThat(((SqlAlterTableSetAgingSchedule) statements.get(5)).schedule()).isEqualTo("...");
    assertThat(((SqlAlterTableSwitchAging) statements.get(6)).enable()).isTrue();
    assertThat(((SqlAlterTableSwitchAging) statements.get(7)).enable()).isFalse();
  }

  @Test
  void alterTableSetAgingRule() {
    SqlAlterTableSetAgingRule alter =
        (SqlAlterTableSetAgingRule)
            parser.parse(
                "ALTER TABLE orders SET AGING RULE (created_at < CURRENT_TIMESTAMP - INTERVAL"
                    + " '90' DAY AND status = 'CLOSED')");
    assertThat(alter.getKind()).isEqualTo(SqlKind.ALTER_TABLE);
    assertThat(alter.table().names).containsExactly("ORDERS");
    assertThat(alter.rule().getKind()).isEqualTo(SqlKind.AND);
  }

  @Test
  void alterTableSetAgingSchedule() {
    SqlAlterTableSetAgingSchedule alter =
        (SqlAlterTableSetAgingSchedule)
            parser.parse("ALTER TABLE s.orders SET AGING SCHEDULE 'CRON 0 0 2 * * ?'");
    assertThat(alter.table().names).containsExactly("S", "ORDERS");
    assertThat(alter.schedule()).isEqualTo("CRON 0 0 2 * * ?");
  }

  @Test
  void alterTableEnableAndDisableAging() {
    assertThat(((SqlAlterTableSwitchAging) parser.parse("alter table t enable aging")).enable())
        .isTrue();
    assertThat(((SqlAlterTableSwitchAging) parser.parse("ALTER TABLE t DISABLE AGING")).enable())
        .isFalse();
  }

  @Test
  void alterTableAddColumnWithAndWithoutColumnKeyword() {
    SqlAlterTableAddColumn add =
        (SqlAlterTableAddColumn)
            parser.parse("ALTER TABLE t ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'none'");
    assertThat(add.table().getSimple()).isEqualTo("T");
    assertThat(add.column().columnName()).isEqualTo("NOTE");
    assertThat(add.column().isNotNull()).isTrue();
    assertThat(ThermoSqlParser.toSql(add.column().defaultValue())).isEqualTo("'none'");
    SqlAlterTableAddColumn bare = (SqlAlterTableAddColumn) parser.parse("ALTER TABLE t ADD n TEXT");
    assertThat(bare.column().dataType().getTypeName().getSimple()).isEqualTo("VARCHAR");
  }

  @Test
  void calciteAlterSessionStillParses() {
    assertThat(parser.parse("ALTER SESSION SET approximate = TRUE"))
        .isInstanceOf(SqlSetOption.class);
  }

  @Test
  void dropTable() {
    SqlDropThermoTable drop = (SqlDropThermoTable) parser.parse("DROP TABLE orders");
    assertThat(drop.getKind()).isEqualTo(SqlKind.DROP_TABLE);
    assertThat(drop.ifExists()).isFalse();
    assertThat(drop.name().getSimple()).isEqualTo("ORDERS");
    assertThat(((SqlDropThermoTable) parser.parse("DROP TABLE IF EXISTS s.t")).ifExists()).isTrue();
  }

  @Test
  void createIndexIsAccepted() {
    SqlCreateIndex index = (SqlCreateIndex) parser.parse("CREATE INDEX idx_tab1_0 on tab1 (col0)");
    assertThat(index.getKind()).isEqualTo(SqlKind.CREATE_INDEX);
    assertThat(index.isUnique()).isFalse();
    assertThat(index.ifNotExists()).isFalse();
    assertThat(index.name().getSimple()).isEqualTo("IDX_TAB1_0");
    assertThat(index.table().getSimple()).isEqualTo("TAB1");
    assertThat(index.columnNames()).containsExactly("COL0");

    SqlCreateIndex unique =
        (SqlCreateIndex)
            parser.parse("CREATE UNIQUE INDEX IF NOT EXISTS t1i0 ON t1 (a1 DESC, b1 ASC, c1)");
    assertThat(unique.isUnique()).isTrue();
    assertThat(unique.ifNotExists()).isTrue();
    assertThat(unique.columnNames()).containsExactly("A1", "B1", "C1");
    assertThat(unique.isDescending(0)).isTrue();
    assertThat(unique.isDescending(1)).isFalse();
    assertThat(unique.isDescending(2)).isFalse();
  }

  @Test
  void dropIndex() {
    SqlDropIndex drop = (SqlDropIndex) parser.parse("DROP INDEX IF EXISTS t1i0");
    assertThat(drop.getKind()).isEqualTo(SqlKind.DROP_INDEX);
    assertThat(drop.ifExists()).isTrue();
    assertThat(drop.name().getSimple()).isEqualTo("T1I0");
  }

  /** Calcite's stock CALL already reads the aging procedure; no extension needed. */
  @Test
  void callRunAgingUsesCalcitesProcedureCall() {
    SqlNode node = parser.parse("CALL SYS.RUN_AGING('ORDERS')");
    assertThat(node.getKind()).isEqualTo(SqlKind.PROCEDURE_CALL);
    SqlCall routine = (SqlCall) ((SqlCall) node).operand(0);
    assertThat(routine.getOperator().getNameAsId().names).containsExactly("SYS", "RUN_AGING");
    assertThat(((SqlLiteral) routine.operand(0)).getValueAs(String.class)).isEqualTo("ORDERS");
  }

  @Test
  void backupData() {
    SqlBackupData backup = (SqlBackupData) parser.parse("BACKUP DATA USING FILE ('nightly-1')");
    assertThat(backup.getKind()).isEqualTo(SqlKind.OTHER_DDL);
    assertThat(SqlKind.DDL).contains(backup.getKind());
    assertThat(backup.backupName()).isEqualTo("nightly-1");
  }

  @Test
  void queriesAndDmlStillParse() {
    SqlNode limited =
        parser.parse("SELECT a, b FROM t WHERE a != 1 AND b % 2 = 0 LIMIT 10 OFFSET 5");
    assertThat(limited).isInstanceOf(SqlOrderBy.class);
    assertThat(ThermoSqlParser.toSql(((SqlOrderBy) limited).fetch)).isEqualTo("10");
    assertThat(parser.parse("SELECT region, SUM(amount) FROM orders GROUP BY region"))
        .isInstanceOf(SqlSelect.class);
    assertThat(parser.parse("INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL)").getKind())
        .isEqualTo(SqlKind.INSERT);
    assertThat(parser.parse("INSERT INTO t SELECT * FROM u WHERE x > 0").getKind())
        .isEqualTo(SqlKind.INSERT);
    assertThat(parser.parse("UPDATE orders SET _aged = TRUE WHERE status = 'CLOSED'").getKind())
        .isEqualTo(SqlKind.UPDATE);
    assertThat(parser.parse("DELETE FROM orders WHERE id = ?").getKind()).isEqualTo(SqlKind.DELETE);
    assertThat(parser.parse("EXPLAIN PLAN FOR SELECT * FROM orders").getKind())
        .isEqualTo(SqlKind.EXPLAIN);
    assertThat(parser.parse("SELECT * FROM t ORDER BY 1 FETCH FIRST 3 ROWS ONLY").getKind())
        .isEqualTo(SqlKind.ORDER_BY);
  }

  @Test
  void unquotedIdentifiersAreUpperCasedQuotedOnesKept() {
    SqlSelect select = (SqlSelect) parser.parse("SELECT amount, \"Mixed\" FROM Orders");
    assertThat(ThermoSqlParser.toSql(select)).contains("\"AMOUNT\"", "\"Mixed\"", "\"ORDERS\"");
  }

  @Test
  void scriptsSplitOnSemicolonsAndSkipComments() {
    List<SqlNode> statements =
        parser.parseScript(
            "-- set up\nCREATE TABLE t (a INT);\n/* load */ INSERT INTO t VALUES (1);\n"
                + "SELECT * FROM t;\n");
    assertThat(statements)
        .extracting(SqlNode::getKind)
        .containsExactly(SqlKind.CREATE_TABLE, SqlKind.INSERT, SqlKind.SELECT);
    assertThat(parser.parseScript("")).isEmpty();
    assertThat(parser.parseScript("  -- nothing\n")).isEmpty();
    assertThat(parser.parseScript(";\n;")).isEmpty();
    assertThat(parser.parse("SELECT 1;").getKind()).isEqualTo(SqlKind.SELECT);
  }
}

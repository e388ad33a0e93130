package io.thermocline.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.sql.parser.ddl.ColdPartitionGranularity;
import io.thermocline.sql.parser.ddl.SqlColumnDefinition;
import io.thermocline.sql.parser.ddl.SqlCreateThermoTable;
import io.thermocline.sql.parser.ddl.SqlSeriesDefinition;
import io.thermocline.sql.parser.ddl.SqlTableConstraint;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

class CreateTableParseTest {
  private final ThermoSqlParser parser = new ThermoSqlParser();

  private SqlCreateThermoTable create(String sql) {
    SqlNode node = parser.parse(sql);
    assertThat(node).isInstanceOf(SqlCreateThermoTable.class);
    assertThat(node.getKind()).isEqualTo(SqlKind.CREATE_TABLE);
    return (SqlCreateThermoTable) node;
  }

  private static SqlColumnDefinition column(SqlCreateThermoTable table, String name) {
    for (SqlColumnDefinition c : table.columns()) {
      if (c.columnName().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no column " + name + " in " + ThermoSqlParser.toSql(table));
  }

  private static SqlTypeName typeName(SqlColumnDefinition column) {
    return SqlTypeName.get(column.dataType().getTypeName().getSimple());
  }

  @Test
  void hotTableWithColumnLevelPrimaryKey() {
    SqlCreateThermoTable t =
        create("CREATE TABLE regions (code VARCHAR(8) PRIMARY KEY, name VARCHAR(64))");
    assertThat(t.isHybrid()).isFalse();
    assertThat(t.usesExtendedStorage()).isFalse();
    assertThat(t.ifNotExists()).isFalse();
    assertThat(t.name().names).containsExactly("REGIONS");
    assertThat(t.columns())
        .extracting(SqlColumnDefinition::columnName)
        .containsExactly("CODE", "NAME");
    assertThat(t.primaryKeyColumns()).containsExactly("CODE");
    assertThat(column(t, "CODE").isPrimaryKey()).isTrue();
    assertThat(column(t, "NAME").isPrimaryKey()).isFalse();
    assertThat(t.agingFlag()).isNull();
    assertThat(t.agingRule()).isNull();
    assertThat(t.agingSchedule()).isNull();
    assertThat(t.coldPartitionGranularity()).isNull();
    assertThat(t.series()).isNull();
  }

  @Test
  void hybridTableWithEveryAgingClause() {
    SqlCreateThermoTable t =
        create(
            "CREATE HYBRID TABLE orders (\n"
                + "  id BIGINT PRIMARY KEY, region VARCHAR(8), amount DECIMAL(12,2),\n"
                + "  created_at TIMESTAMP NOT NULL, status VARCHAR(10))\n"
                + "  AGING FLAG _aged\n"
                + "  AGING RULE (created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY"
                + " AND status = 'CLOSED')\n"
                + "  AGING SCHEDULE 'EVERY 15 MINUTES'\n"
                + "  COLD PARTITION BY MONTH(created_at)");
    assertThat(t.isHybrid()).isTrue();
    assertThat(t.primaryKeyColumns()).containsExactly("ID");
    assertThat(t.agingFlag().getSimple()).isEqualTo("_AGED");
    assertThat(t.agingRule().getKind()).isEqualTo(SqlKind.AND);
    assertThat(ThermoSqlParser.toSql(t.agingRule()))
        .isEqualTo(
            "\"CREATED_AT\" < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND \"STATUS\" = 'CLOSED'");
    assertThat(t.agingSchedule()).isEqualTo("EVERY 15 MINUTES");
    assertThat(t.coldPartitionGranularity()).isEqualTo(ColdPartitionGranularity.MONTH);
    assertThat(t.coldPartitionColumn().getSimple()).isEqualTo("CREATED_AT");
    assertThat(column(t, "CREATED_AT").isNotNull()).isTrue();
    assertThat(column(t, "CREATED_AT").dataType().getNullable()).isFalse();
    assertThat(column(t, "STATUS").isNotNull()).isFalse();
    assertThat(column(t, "STATUS").dataType().getNullable()).isTrue();
    SqlBasicTypeNameSpec amount =
        (SqlBasicTypeNameSpec) column(t, "AMOUNT").dataType().getTypeNameSpec();
    assertThat(amount.getPrecision()).isEqualTo(12);
    assertThat(amount.getScale()).isEqualTo(2);
  }

  @Test
  void coldPartitionGranularities() {
    assertThat(
            create("CREATE TABLE t (d DATE) COLD PARTITION BY YEAR(d)").coldPartitionGranularity())
        .isEqualTo(ColdPartitionGranularity.YEAR);
    assertThat(
            create("CREATE TABLE t (d DATE) COLD PARTITION BY DAY (d)").coldPartitionGranularity())
        .isEqualTo(ColdPartitionGranularity.DAY);
  }

  @Test
  void coldOnlyTableUsingExtendedStorage() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE raw_events (ts TIMESTAMP, payload VARCHAR(200)) USING EXTENDED STORAGE");
    assertThat(t.usesExtendedStorage()).isTrue();
    assertThat(t.isHybrid()).isFalse();
  }

  @Test
  void equidistantSeriesTable() {
    SqlCreateThermoTable t =
        create(
            "CREATE HYBRID TABLE meter (meter_id INTEGER, ts TIMESTAMP, kwh DOUBLE, volts DOUBLE)\n"
                + "  SERIES (SERIES KEY (meter_id) PERIOD FOR SERIES (ts)\n"
                + "          EQUIDISTANT INCREMENT BY INTERVAL '15' MINUTE"
                + " MISSING ELEMENTS ALLOWED)\n"
                + "  AGING RULE (ts < CURRENT_TIMESTAMP - INTERVAL '30' DAY)");
    SqlSeriesDefinition s = t.series();
    assertThat(s.seriesKeyColumns()).containsExactly("METER_ID");
    assertThat(s.periodColumnName()).isEqualTo("TS");
    assertThat(s.isEquidistant()).isTrue();
    assertThat(ThermoSqlParser.toSql(s.increment())).isEqualTo("INTERVAL '15' MINUTE");
    assertThat(s.missingElementsAllowed()).isTrue();
    assertThat(s.minValue()).isNull();
    assertThat(s.maxValue()).isNull();
    assertThat(t.agingRule().getKind()).isEqualTo(SqlKind.LESS_THAN);
  }

  @Test
  void seriesSubClausesInHanaOrderWithBounds() {
    SqlSeriesDefinition s =
        create(
                "CREATE TABLE m (k INTEGER, ts TIMESTAMP, v DOUBLE) SERIES ("
                    + "SERIES KEY (k) EQUIDISTANT INCREMENT BY INTERVAL '1' HOUR"
                    + " MISSING ELEMENTS NOT ALLOWED"
                    + " MINVALUE TIMESTAMP '2024-01-01 00:00:00'"
                    + " MAXVALUE '2025-01-01 00:00:00' PERIOD FOR SERIES (ts))")
            .series();
    assertThat(s.missingElementsAllowed()).isFalse();
    assertThat(ThermoSqlParser.toSql(s.minValue())).isEqualTo("TIMESTAMP '2024-01-01 00:00:00'");
    assertThat(ThermoSqlParser.toSql(s.maxValue())).isEqualTo("'2025-01-01 00:00:00'");
  }

  @Test
  void notEquidistantSeriesWithoutKey() {
    SqlSeriesDefinition s =
        create(
                "CREATE TABLE m (ts TIMESTAMP, v DOUBLE) SERIES (NOT EQUIDISTANT PERIOD FOR SERIES (ts))")
            .series();
    assertThat(s.isEquidistant()).isFalse();
    assertThat(s.increment()).isNull();
    assertThat(s.seriesKeyColumns()).isEmpty();
  }

  @Test
  void everyDesignTypeMapsToItsCalciteType() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE t (b BOOLEAN, i INTEGER, i2 INT, l BIGINT, d DOUBLE, m DECIMAL(18, 4),"
                + " v VARCHAR(20), x TEXT, dt DATE, ts TIMESTAMP)");
    assertThat(t.columns())
        .extracting(CreateTableParseTest::typeName)
        .containsExactly(
            SqlTypeName.BOOLEAN,
            SqlTypeName.INTEGER,
            SqlTypeName.INTEGER,
            SqlTypeName.BIGINT,
            SqlTypeName.DOUBLE,
            SqlTypeName.DECIMAL,
            SqlTypeName.VARCHAR,
            SqlTypeName.VARCHAR,
            SqlTypeName.DATE,
            SqlTypeName.TIMESTAMP);
    assertThat(((SqlBasicTypeNameSpec) column(t, "V").dataType().getTypeNameSpec()).getPrecision())
        .isEqualTo(20);
  }

  @Test
  void textIsVarcharWithoutLength() {
    SqlDataTypeSpec text = column(create("CREATE TABLE t (x TEXT)"), "X").dataType();
    assertThat(text.getTypeName().getSimple()).isEqualTo("VARCHAR");
    assertThat(((SqlBasicTypeNameSpec) text.getTypeNameSpec()).getPrecision()).isEqualTo(-1);
    assertThat(ThermoSqlParser.toSql(parser.parse("SELECT CAST(a AS TEXT) FROM t")))
        .contains("CAST(\"A\" AS VARCHAR)");
  }

  @Test
  void sqlLogicTestTableWithIntegerPrimaryKeyFloatAndText() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE tab0(pk INTEGER PRIMARY KEY, col0 INTEGER, col1 FLOAT, col2 TEXT,"
                + " col3 INTEGER, col4 FLOAT, col5 TEXT)");
    assertThat(t.primaryKeyColumns()).containsExactly("PK");
    assertThat(typeName(column(t, "PK"))).isEqualTo(SqlTypeName.INTEGER);
    assertThat(typeName(column(t, "COL2"))).isEqualTo(SqlTypeName.VARCHAR);
    assertThat(t.columns()).hasSize(7);
  }

  @Test
  void columnConstraintsInAnyOrder() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE t (a INTEGER DEFAULT 0 NOT NULL, b INTEGER NOT NULL DEFAULT -1,"
                + " c VARCHAR(5) DEFAULT 'x' PRIMARY KEY NOT NULL, d TIMESTAMP DEFAULT"
                + " CURRENT_TIMESTAMP, e INTEGER NULL UNIQUE, f DOUBLE DEFAULT (1.5 * 2))");
    SqlColumnDefinition a = column(t, "A");
    assertThat(a.isNotNull()).isTrue();
    assertThat(ThermoSqlParser.toSql(a.defaultValue())).isEqualTo("0");
    assertThat(ThermoSqlParser.toSql(column(t, "B").defaultValue())).isEqualTo("-1");
    SqlColumnDefinition c = column(t, "C");
    assertThat(c.isPrimaryKey()).isTrue();
    assertThat(c.isNotNull()).isTrue();
    assertThat(ThermoSqlParser.toSql(c.defaultValue())).isEqualTo("'x'");
    assertThat(ThermoSqlParser.toSql(column(t, "D").defaultValue())).isEqualTo("CURRENT_TIMESTAMP");
    assertThat(column(t, "E").isUnique()).isTrue();
    assertThat(column(t, "E").isNotNull()).isFalse();
    assertThat(ThermoSqlParser.toSql(column(t, "F").defaultValue())).isEqualTo("1.5 * 2");
    assertThat(column(t, "F").defaultValue()).isNotNull();
  }

  @Test
  void tableLevelKeys() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE t (a INTEGER, b VARCHAR(3), c INTEGER, PRIMARY KEY (a, b),"
                + " CONSTRAINT u_c UNIQUE (c))");
    assertThat(t.primaryKeyColumns()).containsExactly("A", "B");
    List<SqlTableConstraint> constraints = t.constraints();
    assertThat(constraints).hasSize(2);
    assertThat(constraints.get(0).isPrimaryKey()).isTrue();
    assertThat(constraints.get(0).constraintName()).isNull();
    assertThat(constraints.get(1).isPrimaryKey()).isFalse();
    assertThat(constraints.get(1).getKind()).isEqualTo(SqlKind.UNIQUE);
    assertThat(constraints.get(1).constraintName().getSimple()).isEqualTo("U_C");
    assertThat(constraints.get(1).columnNames()).containsExactly("C");
    assertThat(t.columns()).hasSize(3);
  }

  @Test
  void ifNotExistsAndQualifiedAndQuotedNames() {
    SqlCreateThermoTable t = create("CREATE TABLE IF NOT EXISTS app.\"Mixed\" (\"id\" INTEGER)");
    assertThat(t.ifNotExists()).isTrue();
    assertThat(t.name().names).containsExactly("APP", "Mixed");
    assertThat(t.columns().get(0).columnName()).isEqualTo("id");
  }

  @Test
  void newKeywordsRemainUsableAsIdentifiers() {
    SqlCreateThermoTable t =
        create(
            "CREATE TABLE flag (rule INTEGER, text VARCHAR(3), file INTEGER, index INTEGER,"
                + " series INTEGER, aging INTEGER, cold INTEGER, backup INTEGER, storage INTEGER,"
                + " \"if\" INTEGER)");
    assertThat(t.name().getSimple()).isEqualTo("FLAG");
    assertThat(t.columns()).hasSize(10);
    assertThat(parser.parse("SELECT rule, text, file, index, series FROM flag WHERE aging > 1"))
        .isNotNull();
    assertThat(create("CREATE TABLE if (a INTEGER)").name().getSimple()).isEqualTo("IF");
    assertThat(ThermoSqlParser.toSql(parser.parse("SELECT IF(a > 1, 'x', 'y') FROM t")))
        .contains("\"IF\"(\"A\" > 1, 'x', 'y')");
  }

  /** Every order of the six optional clauses yields the same tree. */
  @Test
  void optionalClausesInEveryOrder() {
    List<String> clauses =
        List.of(
            "AGING FLAG f",
            "AGING RULE (ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY)",
            "AGING SCHEDULE 'CRON 0 0 2 * * ?'",
            "COLD PARTITION BY DAY(ts)",
            "USING EXTENDED STORAGE",
            "SERIES (PERIOD FOR SERIES (ts) NOT EQUIDISTANT)");
    String head = "CREATE HYBRID TABLE t (ts TIMESTAMP, f BOOLEAN) ";
    SqlCreateThermoTable reference = create(head + String.join(" ", clauses));
    List<List<String>> orders = new ArrayList<>();
    permutations(new ArrayList<>(clauses), 0, orders);
    assertThat(orders).hasSize(720);
    for (List<String> order : orders) {
      String sql = head + String.join("\n ", order);
      SqlCreateThermoTable t = create(sql);
      assertThat(t.equalsDeep(reference, Litmus.IGNORE)).as(sql).isTrue();
    }
    assertThat(reference.agingSchedule()).isEqualTo("CRON 0 0 2 * * ?");
    assertThat(reference.usesExtendedStorage()).isTrue();
    assertThat(reference.series().isEquidistant()).isFalse();
  }

  private static void permutations(List<String> items, int from, List<List<String>> out) {
    if (from == items.size()) {
      out.add(new ArrayList<>(items));
      return;
    }
    for (int i = from; i < items.size(); i++) {
      java.util.Collections.swap(items, from, i);
      permutations(items, from + 1, out);
      java.util.Collections.swap(items, from, i);
    }
  }
}

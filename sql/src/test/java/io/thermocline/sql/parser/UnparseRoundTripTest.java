package io.thermocline.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unparsing a statement and parsing the text again gives an equal tree and the same text. */
class UnparseRoundTripTest {
  private final ThermoSqlParser parser = new ThermoSqlParser();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CREATE TABLE regions (code VARCHAR(8) PRIMARY KEY, name VARCHAR(64))",
        "CREATE HYBRID TABLE orders (id BIGINT PRIMARY KEY, region VARCHAR(8),"
            + " amount DECIMAL(12,2), created_at TIMESTAMP NOT NULL, status VARCHAR(10))"
            + " AGING FLAG _aged AGING RULE (created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY"
            + " AND status = 'CLOSED') AGING SCHEDULE 'EVERY 15 MINUTES'"
            + " COLD PARTITION BY MONTH(created_at)",
        "CREATE TABLE raw_events (ts TIMESTAMP, p TEXT) USING EXTENDED STORAGE",
        "CREATE HYBRID TABLE meter (meter_id INTEGER, ts TIMESTAMP, kwh DOUBLE, volts DOUBLE)"
            + " SERIES (SERIES KEY (meter_id) PERIOD FOR SERIES (ts) EQUIDISTANT INCREMENT BY"
            + " INTERVAL '15' MINUTE MISSING ELEMENTS ALLOWED) AGING RULE (ts < CURRENT_TIMESTAMP"
            + " - INTERVAL '30' DAY)",
        "CREATE TABLE m (k INT, ts TIMESTAMP) SERIES (SERIES KEY (k) EQUIDISTANT INCREMENT BY"
            + " INTERVAL '1' HOUR MISSING ELEMENTS NOT ALLOWED MINVALUE TIMESTAMP '2024-01-01"
            + " 00:00:00' MAXVALUE TIMESTAMP '2025-01-01 00:00:00' PERIOD FOR SERIES (ts))",
        "CREATE TABLE m (ts TIMESTAMP) SERIES (PERIOD FOR SERIES (ts) NOT EQUIDISTANT)",
        "CREATE TABLE IF NOT EXISTS s.\"Mixed\" (a INTEGER DEFAULT -1 NOT NULL, b BOOLEAN DEFAULT"
            + " FALSE, c DOUBLE DEFAULT (1.5 * 2), d DATE DEFAULT CURRENT_DATE UNIQUE, e TEXT NULL,"
            + " CONSTRAINT pk PRIMARY KEY (a, b), UNIQUE (c))",
        "CREATE TABLE t (d DATE) COLD PARTITION BY YEAR(d) USING EXTENDED STORAGE",
        "ALTER TABLE orders SET AGING RULE (status = 'CLOSED' OR amount < 0)",
        "ALTER TABLE orders SET AGING SCHEDULE 'CRON 0 0 2 * * ?'",
        "ALTER TABLE orders ENABLE AGING",
        "ALTER TABLE orders DISABLE AGING",
        "ALTER TABLE orders ADD COLUMN note VARCHAR(20) NOT NULL DEFAULT 'n/a'",
        "ALTER TABLE orders ADD flag2 BOOLEAN",
        "DROP TABLE orders",
        "DROP TABLE IF EXISTS s.orders",
        "CREATE INDEX i ON t (a)",
        "CREATE UNIQUE INDEX IF NOT EXISTS i ON s.t (a DESC, b ASC, c)",
        "DROP INDEX IF EXISTS i",
        "CALL SYS.RUN_AGING('ORDERS')",
        "BACKUP DATA USING FILE ('nightly-1')",
        "SELECT region, SUM(amount) FROM orders WHERE status <> 'X' GROUP BY region LIMIT 5",
        "INSERT INTO orders (id, status) VALUES (1, 'OPEN')",
        "UPDATE orders SET _aged = TRUE WHERE id = 1",
        "DELETE FROM orders WHERE id = 1"
      })
  void roundTrips(String sql) {
    SqlNode first = parser.parse(sql);
    String text = ThermoSqlParser.toSql(first);
    SqlNode second = parser.parse(text);
    assertThat(second.getClass()).isEqualTo(first.getClass());
    assertThat(second.equalsDeep(first, Litmus.IGNORE))
        .as("tree after re-parsing %s", text)
        .isTrue();
    assertThat(ThermoSqlParser.toSql(second)).isEqualTo(text);
  }
}

package io.thermocline.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON form of table definitions and aging rules round-trips every field and literal type; a
 * newer format and damaged JSON are refused with typed errors naming the key; the rule syntax
 * parses what aging rules say and resolves relative times per column type.
 */
class CatalogCodecTest {
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.nullable("region", DataType.varchar(8)),
              Column.nullable("amount", DataType.decimal(12, 2)),
              Column.nullable("ratio", DataType.DOUBLE),
              Column.nullable("day", DataType.DATE),
              Column.notNull("created_at", DataType.TIMESTAMP),
              Column.nullable("status", DataType.varchar()),
              Column.notNull("_aged", DataType.BOOLEAN)),
          List.of("id"),
          "created_at");

  @Test
  void everyFieldAndLiteralTypeRoundTrips() {
    Expr rule =
        Expr.or(
            Expr.and(
                Expr.lt("created_at", new RelativeTime(-90L * 86_400_000_000L)),
                Expr.in("status", "CLOSED", "VOID"),
                Expr.not(Expr.isNull("region"))),
            Expr.between("amount", new BigDecimal("1.50"), 99L),
            Expr.ge("ratio", 0.25),
            Expr.eq("day", LocalDate.of(2024, 2, 29)),
            Expr.gt("created_at", LocalDateTime.of(2020, 1, 1, 12, 0)),
            Expr.eq("_aged", Boolean.TRUE),
            Expr.isNotNull("status"),
            Expr.eq("region", null));
    TableDefinition d =
        new TableDefinition(
            "orders",
            TableKind.HYBRID,
            SCHEMA,
            "_aged",
            AgingRule.of(rule),
            "EVERY 15 MINUTES",
            true,
            ColdPartitioning.MONTH,
            new SeriesSpec(List.of("id"), "created_at", 900_000_000L, true),
            17,
            3,
            12);
    byte[] json = CatalogCodec.encode(d);
    assertThat(CatalogCodec.decode("table/orders", json)).isEqualTo(d);
    TableDefinition plain =
        TableDefinition.hot("t", Schema.of(Column.notNull("x", DataType.INTEGER)));
    assertThat(CatalogCodec.decode("table/t", CatalogCodec.encode(plain))).isEqualTo(plain);
    assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"format\":1");
  }

  @Test
  void newerFormatsAndDamageAreRefused() {
    String newer =
        new String(
                CatalogCodec.encode(
                    TableDefinition.hot("t", Schema.of(Column.notNull("x", DataType.INTEGER)))),
                StandardCharsets.UTF_8)
            .replace("\"format\":1", "\"format\":2");
    assertThatThrownBy(() -> CatalogCodec.decode("table/t", newer.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
              assertThat(e.getMessage()).contains("table/t");
            });
    assertThatThrownBy(
            () -> CatalogCodec.decode("table/u", "{\"format\":1,".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE));
    assertThatThrownBy(
            () -> CatalogCodec.decode("table/v", "{\"format\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> assertThat(e.getMessage()).contains("table/v").contains("columns"));
  }

  @Test
  void theRuleSyntaxParsesAgingRules() {
    AgingRule r =
        AgingRule.parse(
            "created_at < CURRENT_TIMESTAMP - INTERVAL '90' DAY AND status = 'CLOSED'"
                + " OR (amount BETWEEN -1.5 AND 10 AND region NOT IN ('x', 'it''s'))"
                + " OR day >= DATE '2024-01-31' OR status IS NOT NULL");
    assertThat(r.condition())
        .isEqualTo(
            Expr.or(
                Expr.and(
                    Expr.lt("created_at", new RelativeTime(-90L * 86_400_000_000L)),
                    Expr.eq("status", "CLOSED")),
                Expr.and(
                    Expr.between("amount", new BigDecimal("-1.5"), 10L),
                    Expr.not(Expr.in("region", "x", "it's"))),
                Expr.ge("day", LocalDate.of(2024, 1, 31)),
                Expr.isNotNull("status")));
    assertThat(AgingRule.parse("created_at < CURRENT_TIMESTAMP - INTERVAL '3' MONTH").condition())
        .as("months have no fixed length: left to the SQL layer")
        .isNull();
    assertThat(AgingRule.parse("created_at < CURRENT_TIMESTAMP - INTERVAL '3' MONTH").text())
        .contains("MONTH");
    assertThat(AgingRule.parse("id >").condition()).isNull();
  }

  @Test
  void relativeTimesResolvePerColumnType() {
    long now = 1_700_000_000_000_000L;
    AgingRule r =
        AgingRule.parse(
            "created_at < CURRENT_TIMESTAMP - INTERVAL '1' HOUR AND day < CURRENT_TIMESTAMP");
    Expr bound = r.bindAt(SCHEMA, now);
    Expr.And and = (Expr.And) bound;
    assertThat(((Expr.Literal) ((Expr.Compare) and.terms().get(0)).right()).value())
        .isEqualTo(now - 3_600_000_000L);
    assertThat(((Expr.Literal) ((Expr.Compare) and.terms().get(1)).right()).value())
        .isEqualTo(LocalDate.of(2023, 11, 14).toEpochDay());
    assertThat(new RelativeTime(-90L * 86_400_000_000L).toString())
        .isEqualTo("CURRENT_TIMESTAMP - INTERVAL '90' DAY");
    assertThatThrownBy(
            () ->
                new AgingRule("x < CURRENT_TIMESTAMP - INTERVAL '1' YEAR", null)
                    .bindAt(SCHEMA, now))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
  }
}

package io.thermocline.engine.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.catalog.CatalogCodec;
import io.thermocline.engine.catalog.SeriesSpec;
import io.thermocline.engine.catalog.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The series clause in the catalog: MINVALUE/MAXVALUE round-trip, a catalog entry written before
 * they existed still reads (no bounds), and a clause that does not fit the schema is refused.
 */
class SeriesSpecCodecTest {
  @Test
  void boundsRoundTripAndOldEntriesReadWithoutThem() {
    SeriesSpec spec = SeriesTestDb.spec(false).withBounds(1_000L, 9_000_000_000L);
    TableDefinition d = SeriesTestDb.hybrid(spec).created(7);
    TableDefinition back = CatalogCodec.decode("table/meter", CatalogCodec.encode(d));
    assertThat(back.series()).isEqualTo(spec);

    String json = new String(CatalogCodec.encode(d), StandardCharsets.UTF_8);
    String old = json.replace(",\"minValue\":1000", "").replace(",\"maxValue\":9000000000", "");
    assertThat(old).doesNotContain("minValue");
    SeriesSpec oldSpec =
        CatalogCodec.decode("table/meter", old.getBytes(StandardCharsets.UTF_8)).series();
    assertThat(oldSpec.minValue()).isNull();
    assertThat(oldSpec.maxValue()).isNull();
    assertThat(oldSpec.incrementMicros()).isEqualTo(SeriesTestDb.QUARTER_HOUR);
  }

  @Test
  void clausesThatDoNotFitTheSchemaAreRefused() {
    assertThatThrownBy(
            () ->
                SeriesTestDb.hybrid(new SeriesSpec(List.of("meter_id"), "kwh", 0, true)).created(1))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("must be TIMESTAMP, DATE, INTEGER or BIGINT");
    assertThatThrownBy(
            () ->
                SeriesTestDb.hybrid(new SeriesSpec(List.of("meter_id"), "ts", 0, false)).created(1))
        .hasMessageContaining("MISSING ELEMENTS NOT ALLOWED needs an equidistant series");
    assertThatThrownBy(
            () -> SeriesTestDb.hybrid(SeriesTestDb.spec(true).withBounds(5L, 4L)).created(1))
        .satisfies(
            e -> assertThat(((ThermoException) e).code()).isEqualTo(ErrorCode.INVALID_SCHEMA))
        .hasMessageContaining("MINVALUE 5 exceeds MAXVALUE 4");
  }
}

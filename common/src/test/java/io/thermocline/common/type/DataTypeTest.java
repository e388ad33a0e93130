package io.thermocline.common.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DataTypeTest {

  @Test
  void convertsUserValuesToStorageAndBack() {
    assertThat(DataType.BOOLEAN.toStorage(true, "b")).isEqualTo(1L);
    assertThat(DataType.INTEGER.toStorage(7, "i")).isEqualTo(7L);
    assertThat(DataType.DOUBLE.toStorage(1, "d")).isEqualTo(1.0);
    DataType dec = DataType.decimal(12, 2);
    assertThat(dec.toStorage(new BigDecimal("12.345"), "a")).isEqualTo(1235L);
    assertThat(dec.toJava(1235L)).isEqualTo(new BigDecimal("12.35"));
    assertThat(DataType.DATE.toStorage(LocalDate.of(1970, 1, 11), "d")).isEqualTo(10L);
    LocalDateTime t = LocalDateTime.of(2024, 3, 1, 12, 0, 0, 123_456_000);
    Object micros = DataType.TIMESTAMP.toStorage(t, "ts");
    assertThat(DataType.TIMESTAMP.toJava(micros)).isEqualTo(t);
    assertThat(DataType.TIMESTAMP.toJava(-1L))
        .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
  }

  @Test
  void badValuesNameTheColumn() {
    assertThatThrownBy(() -> DataType.INTEGER.toStorage("x", "qty"))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("qty")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.TYPE_MISMATCH);
    assertThatThrownBy(() -> DataType.INTEGER.toStorage(1L << 40, "qty"))
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.NUMERIC_OUT_OF_RANGE);
    assertThatThrownBy(() -> DataType.varchar(3).toStorage("abcd", "code"))
        .hasMessageContaining("code")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.STRING_TOO_LONG);
    assertThatThrownBy(() -> DataType.decimal(4, 2).toStorage(new BigDecimal("123.4"), "amount"))
        .hasMessageContaining("amount")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.NUMERIC_OUT_OF_RANGE);
    assertThatThrownBy(() -> Column.notNull("id", DataType.BIGINT).toStorage(null))
        .hasMessageContaining("id")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.NOT_NULL_VIOLATION);
    assertThatThrownBy(() -> DataType.decimal(19, 2)).hasMessageContaining("DECIMAL(19,2)");
  }

  @Test
  void schemaLooksUpColumnsLikeSql() {
    Schema s =
        Schema.of(
                Column.notNull("id", DataType.BIGINT), Column.nullable("Name", DataType.varchar(8)))
            .withPrimaryKey("id");
    assertThat(s.indexOf("NAME")).isEqualTo(1);
    assertThat(s.indexOf("id")).isZero();
    assertThatThrownBy(() -> s.indexOf("nope"))
        .hasMessageContaining("nope")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.UNKNOWN_COLUMN);
    assertThatThrownBy(() -> s.toStorageRow(new Object[] {1L}))
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.WRONG_COLUMN_COUNT);
    assertThat(s.project(java.util.List.of("Name")).names()).containsExactly("Name");
  }
}

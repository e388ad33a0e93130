package io.thermocline.common.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Every rejection names the table, the column and the row, with the right error code. */
class BatchValidatorTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("qty", DataType.INTEGER),
          Column.nullable("amount", DataType.decimal(4, 2)),
          Column.nullable("ok", DataType.BOOLEAN),
          Column.nullable("name", DataType.varchar(3)),
          Column.nullable("price", DataType.DOUBLE));

  private static ColumnBatch batch(int n, LongVector id, LongVector qty, StringVector name) {
    return new ColumnBatch(
        SCHEMA,
        n,
        new ColumnVector[] {
          id,
          qty,
          new LongVector(DataType.decimal(4, 2), new long[n], n, null),
          new LongVector(DataType.BOOLEAN, new long[n], n, null),
          name,
          new DoubleVector(DataType.DOUBLE, new double[n], n, null)
        });
  }

  private static LongVector longs(DataType t, long[] values, long[] nulls) {
    return new LongVector(t, values, values.length, nulls);
  }

  private static void assertRejected(ThrowingCallable call, ErrorCode code, String... parts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(ThermoException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContainingAll(parts);
  }

  @Test
  void aValidBatchAndValidRowsPass() {
    StringVector names =
        StringVector.dictionary(
            DataType.varchar(3), new int[] {0, 0}, new String[] {"abc", "far too long"}, 2, null);
    assertThatCode(
            () ->
                BatchValidator.checkBatch(
                    "t",
                    SCHEMA,
                    batch(
                        2,
                        longs(DataType.BIGINT, new long[] {1, 2}, null),
                        longs(DataType.INTEGER, new long[] {Integer.MIN_VALUE, 7}, null),
                        names)))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                BatchValidator.checkRows(
                    "t",
                    SCHEMA,
                    List.<Object[]>of(
                        new Object[] {1L, 2L, 9999L, 1L, "abc", 1.5},
                        new Object[] {2L, null, -9999L, 0L, null, null})))
        .doesNotThrowAnyException();
  }

  @Test
  void aNullInANotNullColumnNamesItsRow() {
    long[] nulls = NullBitmap.allocate(70);
    NullBitmap.set(nulls, 66);
    LongVector ids = longs(DataType.BIGINT, new long[70], nulls);
    LongVector qty = longs(DataType.INTEGER, new long[70], null);
    StringVector names = StringVector.plain(DataType.varchar(3), new String[70], 70, null);
    assertRejected(
        () -> BatchValidator.checkBatch("orders", SCHEMA, batch(70, ids, qty, names)),
        ErrorCode.NOT_NULL_VIOLATION,
        "column id",
        "table orders",
        "row 66");
    assertRejected(
        () ->
            BatchValidator.checkRows(
                "orders",
                SCHEMA,
                List.<Object[]>of(
                    new Object[] {1L, null, null, null, null, null},
                    new Object[] {null, null, null, null, null, null})),
        ErrorCode.NOT_NULL_VIOLATION,
        "column id",
        "table orders",
        "row 1");
  }

  @Test
  void outOfRangeValuesNameColumnAndRow() {
    LongVector ids = longs(DataType.BIGINT, new long[] {1, 2, 3}, null);
    long[] qtyNulls = NullBitmap.allocate(3);
    NullBitmap.set(qtyNulls, 0);
    // Row 0's value is out of range but NULL, so row 2 is the first bad one.
    LongVector qty = longs(DataType.INTEGER, new long[] {1L << 40, 5, 1L << 33}, qtyNulls);
    StringVector names = StringVector.plain(DataType.varchar(3), new String[3], 3, null);
    assertRejected(
        () -> BatchValidator.checkBatch("orders", SCHEMA, batch(3, ids, qty, names)),
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "column qty",
        "table orders",
        "row 2");
    assertRejected(
        () ->
            BatchValidator.checkRow(
                "orders", SCHEMA, new Object[] {1L, null, 10_000L, null, null, null}, 4),
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "column amount",
        "unscaled 10000",
        "row 4");
    assertRejected(
        () ->
            BatchValidator.checkRow(
                "orders", SCHEMA, new Object[] {1L, null, null, 2L, "", 0.0}, 0),
        ErrorCode.TYPE_MISMATCH,
        "column ok",
        "BOOLEAN",
        "row 0");
  }

  @Test
  void tooLongStringsAndWrongClassesAreNamed() {
    LongVector ids = longs(DataType.BIGINT, new long[] {1, 2}, null);
    LongVector qty = longs(DataType.INTEGER, new long[] {1, 2}, null);
    StringVector names =
        StringVector.dictionary(
            DataType.varchar(3), new int[] {0, 1}, new String[] {"abc", "abcd"}, 2, null);
    assertRejected(
        () -> BatchValidator.checkBatch("orders", SCHEMA, batch(2, ids, qty, names)),
        ErrorCode.STRING_TOO_LONG,
        "column name",
        "table orders",
        "row 1");
    assertRejected(
        () ->
            BatchValidator.checkRow(
                "orders", SCHEMA, new Object[] {1L, 2, null, null, null, null}, 3),
        ErrorCode.TYPE_MISMATCH,
        "column qty",
        "table orders",
        "row 3",
        "Integer");
    assertRejected(
        () -> BatchValidator.checkRow("orders", SCHEMA, new Object[] {1L}, 5),
        ErrorCode.WRONG_COLUMN_COUNT,
        "row 5",
        "table orders");
  }

  @Test
  void malformedVectorsAreRejected() {
    LongVector shortIds = new LongVector(DataType.BIGINT, new long[1], 2, null);
    LongVector qty = longs(DataType.INTEGER, new long[] {1, 2}, null);
    StringVector names = StringVector.plain(DataType.varchar(3), new String[2], 2, null);
    assertRejected(
        () -> BatchValidator.checkBatch("orders", SCHEMA, batch(2, shortIds, qty, names)),
        ErrorCode.INVALID_ARGUMENT,
        "column id",
        "table orders");
    StringVector badIds =
        StringVector.dictionary(DataType.varchar(3), new int[] {0, 5}, new String[] {"a"}, 2, null);
    assertRejected(
        () ->
            BatchValidator.checkBatch(
                "orders", SCHEMA, batch(2, longs(DataType.BIGINT, new long[2], null), qty, badIds)),
        ErrorCode.INVALID_ARGUMENT,
        "column name",
        "row 1");
  }

  @Test
  void firstSetFindsTheLowestBitBelowTheLimit() {
    long[] words = NullBitmap.allocate(200);
    assertThat(NullBitmap.firstSet(words, 200)).isEqualTo(-1);
    NullBitmap.set(words, 130);
    NullBitmap.set(words, 190);
    assertThat(NullBitmap.firstSet(words, 200)).isEqualTo(130);
    assertThat(NullBitmap.firstSet(words, 130)).isEqualTo(-1);
    assertThat(NullBitmap.firstSet(words, 131)).isEqualTo(130);
  }
}

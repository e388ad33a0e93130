package io.thermocline.hotstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.batch.DoubleVector;
import io.thermocline.common.batch.LongVector;
import io.thermocline.common.batch.StringVector;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gives a {@link ThermoException} with the right code and a message naming the column,
 * and leaves the partition exactly as it was (all-or-nothing inserts).
 */
class BadInputTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("name", DataType.varchar(5)),
          Column.nullable("qty", DataType.INTEGER),
          Column.nullable("price", DataType.DOUBLE));

  private ColumnPartition p;

  @BeforeEach
  void setUp() {
    p = new ColumnPartition("orders_hot", SCHEMA, Config.defaults());
    p.insertRows(1, List.<Object[]>of(new Object[] {1L, "ok", 3L, 1.5}));
  }

  @AfterEach
  void tearDown() {
    p.close();
  }

  private void assertRejected(ThrowingCallable call, ErrorCode code, String column) {
    List<Object[]> before = scanAll();
    long delta = p.deltaRowCount();
    assertThatThrownBy(call)
        .isInstanceOf(ThermoException.class)
        .satisfies(e -> assertThat(((ThermoException) e).code()).isEqualTo(code))
        .hasMessageContaining(column);
    assertThat(p.deltaRowCount()).isEqualTo(delta);
    assertThat(p.rowCount(Long.MAX_VALUE - 1)).isEqualTo(before.size());
    assertThat(scanAll()).usingElementComparator(BadInputTest::compareRows).isEqualTo(before);
  }

  private static int compareRows(Object[] a, Object[] b) {
    return Arrays.equals(a, b) ? 0 : 1;
  }

  private List<Object[]> scanAll() {
    List<Object[]> rows = new ArrayList<>();
    try (var c = p.scan(ScanRequest.at(Long.MAX_VALUE - 1))) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        rows.addAll(b.rows());
      }
    }
    return rows;
  }

  private static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  @Test
  void unknownColumnIsNamed() {
    assertRejected(
        () -> p.insertValues(2, List.of("id", "colour"), rows(new Object[] {2L, "red"})),
        ErrorCode.UNKNOWN_COLUMN,
        "colour");
  }

  @Test
  void typeMismatchNamesTheColumn() {
    assertRejected(
        () ->
            p.insertValues(
                2, List.of("id", "qty"), rows(new Object[] {2L, 4}, new Object[] {3L, "four"})),
        ErrorCode.TYPE_MISMATCH,
        "qty");
    assertRejected(
        () -> p.insertRows(2, rows(new Object[] {2L, "x", 4, 1.0})),
        ErrorCode.TYPE_MISMATCH,
        "qty");
    assertRejected(
        () -> p.insertRows(2, rows(new Object[] {2L, "x", 4L, 1L})),
        ErrorCode.TYPE_MISMATCH,
        "price");
  }

  @Test
  void notNullViolationNamesTheColumn() {
    assertRejected(
        () ->
            p.insertValues(
                2, List.of("id", "name"), rows(new Object[] {2L, "a"}, new Object[] {null, "b"})),
        ErrorCode.NOT_NULL_VIOLATION,
        "id");
    assertRejected(
        () -> p.insertValues(2, List.of("name"), rows(new Object[] {"a"})),
        ErrorCode.NOT_NULL_VIOLATION,
        "id");
    assertRejected(
        () ->
            p.insertRows(
                2, rows(new Object[] {2L, "a", 1L, 1.0}, new Object[] {null, "b", 1L, 1.0})),
        ErrorCode.NOT_NULL_VIOLATION,
        "id");
    long[] nulls = {0b10};
    assertRejected(
        () -> p.insert(2, batch(new LongVector(DataType.BIGINT, new long[] {5, 6}, 2, nulls))),
        ErrorCode.NOT_NULL_VIOLATION,
        "id");
  }

  @Test
  void stringTooLongNamesTheColumn() {
    assertRejected(
        () -> p.insertValues(2, List.of("id", "name"), rows(new Object[] {2L, "toolong"})),
        ErrorCode.STRING_TOO_LONG,
        "name");
    assertRejected(
        () -> p.insertRows(2, rows(new Object[] {2L, "sixsix", 1L, 1.0})),
        ErrorCode.STRING_TOO_LONG,
        "name");
    StringVector dict =
        StringVector.dictionary(
            DataType.varchar(5), new int[] {0, 1}, new String[] {"fine", "far too long"}, 2, null);
    assertRejected(
        () -> p.insert(2, batch(new LongVector(DataType.BIGINT, new long[] {5, 6}, 2, null), dict)),
        ErrorCode.STRING_TOO_LONG,
        "name");
  }

  @Test
  void unreferencedLongDictionaryEntryIsFine() {
    StringVector dict =
        StringVector.dictionary(
            DataType.varchar(5), new int[] {0, 0}, new String[] {"fine", "far too long"}, 2, null);
    p.insert(2, batch(new LongVector(DataType.BIGINT, new long[] {5, 6}, 2, null), dict));
    assertThat(p.rowCount(2)).isEqualTo(3);
  }

  @Test
  void integerOutOfRangeNamesTheColumn() {
    assertRejected(
        () -> p.insertValues(2, List.of("id", "qty"), rows(new Object[] {2L, 1L << 40})),
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "qty");
    assertRejected(
        () -> p.insertRows(2, rows(new Object[] {2L, null, 1L << 33, null})),
        ErrorCode.NUMERIC_OUT_OF_RANGE,
        "qty");
  }

  @Test
  void badBatchShapeIsRejected() {
    LongVector ids = new LongVector(DataType.BIGINT, new long[] {5}, 1, null);
    assertRejected(
        () ->
            p.insert(
                2,
                new ColumnBatch(
                    Schema.of(Column.notNull("id", DataType.BIGINT)), 1, new ColumnVector[] {ids})),
        ErrorCode.WRONG_COLUMN_COUNT,
        "orders_hot");
    ColumnVector[] wrongClass = {
      ids,
      StringVector.plain(DataType.varchar(5), new String[] {"a"}, 1, null),
      new DoubleVector(DataType.DOUBLE, new double[] {1}, 1, null),
      new DoubleVector(DataType.DOUBLE, new double[] {1}, 1, null)
    };
    assertRejected(
        () -> p.insert(2, new ColumnBatch(SCHEMA, 1, wrongClass)), ErrorCode.TYPE_MISMATCH, "qty");
  }

  @Test
  void malformedVectorsAreRejectedBeforeAnyAppend() {
    LongVector shortIds = new LongVector(DataType.BIGINT, new long[1], 2, null);
    assertRejected(() -> p.insert(2, batch(shortIds)), ErrorCode.INVALID_ARGUMENT, "id");
    LongVector ids = new LongVector(DataType.BIGINT, new long[] {5, 6}, 2, null);
    StringVector badId =
        StringVector.dictionary(DataType.varchar(5), new int[] {0, 3}, new String[] {"a"}, 2, null);
    assertRejected(() -> p.insert(2, batch(ids, badId)), ErrorCode.INVALID_ARGUMENT, "name");
    StringVector shortPlain = StringVector.plain(DataType.varchar(5), new String[1], 2, null);
    assertRejected(() -> p.insert(2, batch(ids, shortPlain)), ErrorCode.INVALID_ARGUMENT, "name");
  }

  @Test
  void badQueriesNameTheColumn() {
    assertThatThrownBy(() -> p.scan(ScanRequest.at(1).withProjection(List.of("nope"))))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN))
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> p.scan(ScanRequest.at(1).withFilter(Expr.eq("nope", 1L))))
        .hasMessageContaining("nope");
    assertThatThrownBy(
            () ->
                p.aggregate(
                    ScanRequest.at(1), AggregateSpec.of(List.of(), AggregateCall.sum("name"))))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("name");
    assertThatThrownBy(
            () ->
                p.aggregate(
                    ScanRequest.at(1),
                    AggregateSpec.of(
                        List.of(GroupKey.timeBucket("price", 10)), AggregateCall.countStar())))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("price");
  }

  @Test
  void longSumOverflowIsAnErrorNotAWrappedValue() {
    p.insertRows(2, rows(new Object[] {Long.MAX_VALUE, null, null, null}));
    for (int merged = 0; merged < 2; merged++) {
      assertThatThrownBy(
              () ->
                  p.aggregate(
                      ScanRequest.at(2), AggregateSpec.of(List.of(), AggregateCall.sum("id"))))
          .isInstanceOfSatisfying(
              ThermoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OUT_OF_RANGE))
          .hasMessageContaining("id");
      p.mergeDelta(2);
    }
  }

  @Test
  void closedPartitionRefusesWork() {
    p.close();
    assertThatThrownBy(() -> p.insertRows(3, rows(new Object[] {9L, null, null, null})))
        .hasMessageContaining("orders_hot");
    assertThatThrownBy(() -> p.scan(ScanRequest.at(3))).hasMessageContaining("closed");
  }

  private static ColumnBatch batch(LongVector ids) {
    return batch(
        ids, StringVector.plain(DataType.varchar(5), new String[ids.size()], ids.size(), null));
  }

  private static ColumnBatch batch(LongVector ids, StringVector names) {
    int n = ids.size();
    return new ColumnBatch(
        SCHEMA,
        n,
        new ColumnVector[] {
          ids,
          names,
          new LongVector(DataType.INTEGER, new long[n], n, null),
          new DoubleVector(DataType.DOUBLE, new double[n], n, null)
        });
  }
}

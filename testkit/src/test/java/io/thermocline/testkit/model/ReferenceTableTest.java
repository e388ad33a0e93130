package io.thermocline.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.GroupKey;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The oracle checked by hand: every expected value here was worked out on paper. */
class ReferenceTableTest {
  private static final Schema SCHEMA =
      Schema.of(
          Column.notNull("id", DataType.BIGINT),
          Column.nullable("grp", DataType.varchar(4)),
          Column.nullable("n", DataType.INTEGER),
          Column.nullable("x", DataType.DOUBLE),
          Column.nullable("amt", DataType.decimal(6, 2)),
          Column.nullable("ts", DataType.TIMESTAMP));

  private static final long HOUR = 3_600_000_000L;

  private static ReferenceTable table() {
    ReferenceTable t = new ReferenceTable(SCHEMA);
    t.insert(
        10,
        List.of(
            new Object[] {1L, "a", 5L, 1.5, 150L, 0L},
            new Object[] {2L, "b", null, -0.0, 250L, HOUR - 1},
            new Object[] {3L, null, 7L, Double.NaN, null, -1L}));
    t.insert(20, List.<Object[]>of(new Object[] {4L, "a", -2L, null, 100L, HOUR}));
    return t;
  }

  private static List<String> ids(List<Object[]> rows) {
    return rows.stream().map(r -> String.valueOf(r[0])).collect(Collectors.toList());
  }

  @Test
  void visibilityFollowsCreateAndEndCommitIds() {
    ReferenceTable t = table();
    assertThat(t.count(9)).isZero();
    assertThat(t.count(10)).isEqualTo(3);
    assertThat(t.count(20)).isEqualTo(4);
    assertThat(t.delete(30, 20, Expr.eq("grp", "a"))).isEqualTo(2);
    assertThat(t.count(29)).isEqualTo(4);
    assertThat(ids(t.scan(ScanRequest.at(30)))).containsExactly("2", "3");
    // A row already ended is not deleted twice.
    assertThat(t.delete(40, 30, Expr.eq("grp", "a"))).isZero();
    assertThat(ids(t.scan(ScanRequest.at(25)))).containsExactly("1", "2", "3", "4");
  }

  @Test
  void filtersUseThreeValuedLogicAndBinding() {
    ReferenceTable t = table();
    ScanRequest at = ScanRequest.at(20);
    assertThat(ids(t.scan(at.withFilter(Expr.ne("grp", "a"))))).containsExactly("2");
    assertThat(ids(t.scan(at.withFilter(Expr.not(Expr.eq("grp", "a")))))).containsExactly("2");
    assertThat(ids(t.scan(at.withFilter(Expr.in("n", 5, null))))).containsExactly("1");
    assertThat(ids(t.scan(at.withFilter(Expr.not(Expr.in("n", 5, null)))))).isEmpty();
    assertThat(ids(t.scan(at.withFilter(Expr.isNull("n"))))).containsExactly("2");
    // DECIMAL literals are user values: 1.50 binds to unscaled 150.
    assertThat(ids(t.scan(at.withFilter(Expr.eq("amt", new BigDecimal("1.50"))))))
        .containsExactly("1");
    // Double.compare order: NaN above everything, -0.0 below 0.0.
    assertThat(ids(t.scan(at.withFilter(Expr.gt("x", 1e308))))).containsExactly("3");
    assertThat(ids(t.scan(at.withFilter(Expr.lt("x", 0.0))))).containsExactly("2");
    assertThat(ids(t.scan(at.withFilter(Expr.or(Expr.isNull("grp"), Expr.lt("n", 0))))))
        .containsExactly("3", "4");
  }

  @Test
  void projectionReordersColumns() {
    List<Object[]> rows = table().scan(ScanRequest.at(10).withProjection(List.of("n", "ID")));
    assertThat(rows.get(0)).containsExactly(5L, 1L);
    assertThat(rows.get(1)).containsExactly(null, 2L);
  }

  @Test
  void aggregatesWithoutGroupBy() {
    AggregateSpec spec =
        AggregateSpec.of(
            List.of(),
            AggregateCall.countStar(),
            AggregateCall.count("n"),
            AggregateCall.sum("n"),
            AggregateCall.avg("amt"),
            AggregateCall.min("x"),
            AggregateCall.max("x"),
            AggregateCall.min("grp"),
            AggregateCall.sum("x"));
    List<Object[]> rows = table().aggregate(ScanRequest.at(20), spec).rows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .containsExactly(4L, 3L, 10L, (150 + 250 + 100) / 3.0, -0.0, Double.NaN, "a", Double.NaN);
    List<Object[]> empty = table().aggregate(ScanRequest.at(5), spec).rows();
    assertThat(empty.get(0)).containsExactly(0L, 0L, null, null, null, null, null, null);
  }

  @Test
  void groupsIncludeNullAndTimeBuckets() {
    AggregateSpec byGroup =
        AggregateSpec.of(List.of(GroupKey.column("grp")), AggregateCall.sum("n"));
    assertThat(render(table().aggregate(ScanRequest.at(20), byGroup).rows()))
        .containsExactlyInAnyOrder("[a, 3]", "[b, null]", "[null, 7]");
    AggregateSpec byHour =
        AggregateSpec.of(List.of(GroupKey.timeBucket("ts", HOUR)), AggregateCall.countStar());
    // -1 microsecond floors into the hour before the epoch.
    assertThat(render(table().aggregate(ScanRequest.at(20), byHour).rows()))
        .containsExactlyInAnyOrder("[0, 2]", "[" + HOUR + ", 1]", "[" + -HOUR + ", 1]");
  }

  @Test
  void rejectsSumOfStrings() {
    assertThatThrownBy(
            () ->
                table()
                    .aggregate(
                        ScanRequest.at(20), AggregateSpec.of(List.of(), AggregateCall.sum("grp"))))
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("grp");
  }

  private static List<String> render(List<Object[]> rows) {
    return rows.stream().map(Arrays::toString).collect(Collectors.toList());
  }
}

package io.thermocline.common.expr;

import static io.thermocline.common.expr.Expr.and;
import static io.thermocline.common.expr.Expr.between;
import static io.thermocline.common.expr.Expr.eq;
import static io.thermocline.common.expr.Expr.gt;
import static io.thermocline.common.expr.Expr.in;
import static io.thermocline.common.expr.Expr.isNull;
import static io.thermocline.common.expr.Expr.not;
import static io.thermocline.common.expr.Expr.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExprEvaluatorTest {
  private final Schema schema =
      Schema.of(
          Column.nullable("x", DataType.BIGINT),
          Column.nullable("s", DataType.varchar(4)),
          Column.nullable("d", DataType.DATE),
          Column.nullable("v", DataType.DOUBLE));

  private Boolean eval(Expr e, Object... row) {
    return ExprEvaluator.evaluate(ExprBinder.bind(e, schema), row);
  }

  @Test
  void threeValuedLogic() {
    assertThat(eval(gt("x", 1), null, null, null, null)).isNull();
    assertThat(eval(not(gt("x", 1)), null, null, null, null)).isNull();
    assertThat(eval(and(gt("x", 1), eq("s", "a")), null, "b", null, null)).isFalse();
    assertThat(eval(or(gt("x", 1), eq("s", "a")), null, "a", null, null)).isTrue();
    assertThat(eval(or(gt("x", 1), eq("s", "a")), null, "b", null, null)).isNull();
    assertThat(eval(in("x", 1L, null), 2L, null, null, null)).isNull();
    assertThat(eval(in("x", 1L, null), 1L, null, null, null)).isTrue();
    assertThat(eval(isNull("x"), null, null, null, null)).isTrue();
    assertThat(eval(between("x", 1, 3), 3L, null, null, null)).isTrue();
    assertThat(eval(between("x", 1, 3), 4L, null, null, null)).isFalse();
  }

  @Test
  void bindsLiteralsToColumnStorage() {
    assertThat(eval(eq("d", LocalDate.of(1970, 1, 2)), null, null, 1L, null)).isTrue();
    assertThat(eval(gt("x", 1.5), 2L, null, null, null)).isTrue();
    assertThat(eval(gt("x", 1.5), 1L, null, null, null)).isFalse();
    assertThat(eval(gt("v", 1), null, null, null, 1.5)).isTrue();
    assertThat(eval(gt("v", 1), null, null, null, Double.NaN)).isTrue();
    assertThatThrownBy(() -> ExprBinder.bind(eq("zz", 1), schema))
        .hasMessageContaining("zz")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.UNKNOWN_COLUMN);
    assertThatThrownBy(() -> ExprBinder.bind(eq("d", "nope"), schema))
        .hasMessageContaining("d")
        .extracting(e -> ((ThermoException) e).code())
        .isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void decimalLiteralsCompareInTheUnscaledDomainAndBindingIsIdempotent() {
    Schema dec = Schema.of(Column.nullable("amount", DataType.decimal(12, 2)));
    Expr bound = ExprBinder.bind(gt("amount", 2.5), dec);
    assertThat(ExprEvaluator.evaluate(bound, new Object[] {251L})).isTrue();
    assertThat(ExprEvaluator.evaluate(bound, new Object[] {250L})).isFalse();
    assertThat(ExprBinder.bind(bound, dec)).isEqualTo(bound);
    Expr inexact = ExprBinder.bind(gt("amount", 2.505), dec);
    assertThat(ExprEvaluator.evaluate(inexact, new Object[] {251L})).isTrue();
    assertThat(ExprEvaluator.evaluate(inexact, new Object[] {250L})).isFalse();
    Expr dateBound = ExprBinder.bind(eq("d", LocalDate.of(1970, 1, 2)), schema);
    assertThat(ExprBinder.bind(dateBound, schema)).isEqualTo(dateBound);
  }

  @Test
  void collectsColumns() {
    assertThat(and(gt("x", 1), or(eq("s", "a"), isNull("x"))).columns()).containsExactly("x", "s");
  }
}

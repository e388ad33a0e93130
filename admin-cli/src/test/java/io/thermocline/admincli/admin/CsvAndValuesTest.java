package io.thermocline.admincli.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.admincli.cli.CsvRows;
import io.thermocline.common.schema.Column;
import io.thermocline.common.type.DataType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAndValuesTest {
  @TempDir Path dir;

  @Test
  void csvQuotingNullsAndLineNumbers() throws Exception {
    Path f = dir.resolve("t.csv");
    Files.writeString(
        f,
        "id,name,note\r\n1,\"a, b\",\r\n\n2,\"say \"\"hi\"\"\",\"\"\n3,\"two\nlines\",x\n4,plain,y");
    List<Object[]> rows = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (CsvRows csv = new CsvRows(f, ',')) {
      assertThat(csv.columns()).containsExactly("id", "name", "note");
      for (Object[] r = csv.next(); r != null; r = csv.next()) {
        rows.add(r);
        lines.add(csv.line());
      }
      assertThat(csv.done()).isEqualTo(csv.total());
    }
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0)).containsExactly("1", "a, b", null);
    assertThat(rows.get(1)).containsExactly("2", "say \"hi\"", "");
    assertThat(rows.get(2)).containsExactly("3", "two\nlines", "x");
    assertThat(rows.get(3)).containsExactly("4", "plain", "y");
    assertThat(lines).containsExactly(2L, 4L, 5L, 7L);
  }

  @Test
  void csvErrorsNameFileAndLine() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "a,b\n1,2\n3\n");
    try (CsvRows csv = new CsvRows(f, ',')) {
      csv.next();
      assertThatThrownBy(csv::next)
          .hasMessageContaining("file bad.csv line 3")
          .hasMessageContaining("1 fields");
    }
    Path g = dir.resolve("open.csv");
    Files.writeString(g, "a\n\"never closed\n");
    try (CsvRows csv = new CsvRows(g, ',')) {
      assertThatThrownBy(csv::next)
          .hasMessageContaining("open.csv line 2")
          .hasMessageContaining("not closed");
    }
  }

  @Test
  void valuesParsePerColumnType() {
    assertThat(ValueParser.parse(Column.nullable("t", DataType.TIMESTAMP), "2024-03-01 10:15:00"))
        .isEqualTo(LocalDateTime.of(2024, 3, 1, 10, 15));
    assertThat(ValueParser.parse(Column.nullable("t", DataType.TIMESTAMP), "2024-03-01T10:15:00Z"))
        .isEqualTo(Instant.parse("2024-03-01T10:15:00Z"));
    assertThat(
            ValueParser.parse(
                Column.nullable("t", DataType.TIMESTAMP), "2024-03-01T12:15:00+02:00"))
        .isEqualTo(Instant.parse("2024-03-01T10:15:00Z"));
    assertThat(ValueParser.parse(Column.nullable("t", DataType.TIMESTAMP), "1700000000000000"))
        .isEqualTo(1700000000000000L);
    assertThat(ValueParser.parse(Column.nullable("d", DataType.DATE), "2024-02-29"))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(ValueParser.parse(Column.nullable("a", DataType.decimal(12, 2)), "12.50"))
        .isEqualTo(new BigDecimal("12.50"));
    assertThat(ValueParser.parse(Column.nullable("b", DataType.BOOLEAN), "yes")).isEqualTo(true);
    assertThat(ValueParser.parse(Column.nullable("s", DataType.varchar(5)), " x "))
        .isEqualTo(" x ");
    assertThatThrownBy(() -> ValueParser.parse(Column.nullable("amount", DataType.BIGINT), "12x"))
        .hasMessageContaining("TC-1001")
        .hasMessageContaining("column amount is BIGINT but the value is '12x'");
  }

  @Test
  void columnSyntaxReadsSqlWords() {
    assertThat(ColumnSyntax.parse("amount DECIMAL(12, 2) NOT NULL"))
        .isEqualTo(Column.notNull("AMOUNT", DataType.decimal(12, 2)));
    assertThat(ColumnSyntax.parse("name varchar(8)"))
        .isEqualTo(Column.nullable("NAME", DataType.varchar(8)));
    assertThat(ColumnSyntax.parse("\"Mixed Case\" BIGINT"))
        .isEqualTo(Column.nullable("Mixed Case", DataType.BIGINT));
    assertThat(ColumnSyntax.parse("note TEXT"))
        .isEqualTo(Column.nullable("NOTE", DataType.varchar()));
    assertThatThrownBy(() -> ColumnSyntax.parse("x MONEY"))
        .hasMessageContaining("unknown type MONEY");
    assertThatThrownBy(() -> ColumnSyntax.parse("just-a-name")).hasMessageContaining("name TYPE");
  }
}

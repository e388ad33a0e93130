package io.thermocline.sql.system;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.system.SystemProcedure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test procedure SYS.ECHO(TEXT VARCHAR, TIMES INTEGER): returns TIMES rows of every result type
 * (N, TEXT, D = 2024-01-0N, TS = that day at 10:00:00.250, AMOUNT = N.25, ODD, HALF = N / 2.0) and
 * records every call.
 */
public class EchoProcedure implements SystemProcedure {
  public final List<List<Object>> calls = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "ECHO";
  }

  @Override
  public List<Column> parameters() {
    return List.of(
        Column.nullable("TEXT", DataType.varchar(64)), Column.notNull("TIMES", DataType.INTEGER));
  }

  @Override
  public Schema resultSchema() {
    return Schema.of(
        Column.notNull("N", DataType.BIGINT),
        Column.nullable("TEXT", DataType.varchar(64)),
        Column.notNull("D", DataType.DATE),
        Column.notNull("TS", DataType.TIMESTAMP),
        Column.notNull("AMOUNT", DataType.decimal(10, 2)),
        Column.notNull("ODD", DataType.BOOLEAN),
        Column.notNull("HALF", DataType.DOUBLE));
  }

  @Override
  public List<Object[]> call(List<Object> arguments) {
    calls.add(new ArrayList<>(arguments));
    long times = (Long) arguments.get(1);
    List<Object[]> rows = new ArrayList<>();
    long jan1 = 19723; // 2024-01-01 in epoch days
    for (long n = 1; n <= times; n++) {
      long day = jan1 + n - 1;
      rows.add(
          new Object[] {
            n,
            arguments.get(0),
            day,
            day * 86_400_000_000L + 36_000_250_000L,
            n * 100 + 25,
            n % 2,
            n / 2.0
          });
    }
    return rows;
  }
}

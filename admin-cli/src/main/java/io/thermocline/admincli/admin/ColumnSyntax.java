package io.thermocline.admincli.admin;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.type.DataType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a column as the CLI writes it, in SQL's own words: {@code name TYPE [NOT NULL]}, e.g.
 * {@code amount DECIMAL(12,2)} or {@code created_at TIMESTAMP NOT NULL}; TEXT is VARCHAR without a
 * length. The name is folded to upper case as SQL folds an unquoted identifier. Stateless.
 */
public final class ColumnSyntax {
  private static final Pattern COLUMN =
      Pattern.compile(
          "\\s*(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)\\s+([A-Za-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?"
              + "\\s*(NOT\\s+NULL|NULL)?\\s*",
          Pattern.CASE_INSENSITIVE);

  private ColumnSyntax() {}

  public static Column parse(String text) {
    Matcher m = COLUMN.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new ThermoException(
          ErrorCode.INVALID_SCHEMA,
          "column '" + text + "' is not 'name TYPE [NOT NULL]', e.g. 'amount DECIMAL(12,2)'");
    }
    String name = SqlNames.canonical(m.group(1));
    String type = m.group(2).toUpperCase(Locale.ROOT);
    Integer p = m.group(3) == null ? null : Integer.valueOf(m.group(3));
    Integer s = m.group(4) == null ? null : Integer.valueOf(m.group(4));
    DataType t =
        switch (type) {
          case "BOOLEAN" -> DataType.BOOLEAN;
          case "INTEGER", "INT" -> DataType.INTEGER;
          case "BIGINT" -> DataType.BIGINT;
          case "DOUBLE" -> DataType.DOUBLE;
          case "DATE" -> DataType.DATE;
          case "TIMESTAMP" -> DataType.TIMESTAMP;
          case "DECIMAL", "NUMERIC" -> DataType.decimal(p == null ? 18 : p, s == null ? 0 : s);
          case "VARCHAR" -> p == null ? DataType.varchar() : DataType.varchar(p);
          case "TEXT" -> DataType.varchar();
          default ->
              throw new ThermoException(
                  ErrorCode.INVALID_SCHEMA,
                  "column "
                      + name
                      + " has the unknown type "
                      + type
                      + "; known: BOOLEAN INTEGER BIGINT DOUBLE DECIMAL(p,s) VARCHAR(n) TEXT DATE"
                      + " TIMESTAMP");
        };
    boolean notNull = m.group(5) != null && m.group(5).toUpperCase(Locale.ROOT).startsWith("NOT");
    return new Column(name, t, !notNull);
  }
}

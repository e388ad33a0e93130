package io.thermocline.common.schema;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.type.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a table, its primary key (possibly empty) and its optional time column (the one
 * cold files sort by and series use as period). Column lookup is exact first, then
 * case-insensitive, as SQL identifiers are. Immutable and thread-safe.
 */
public final class Schema {
  private final List<Column> columns;
  private final List<String> primaryKey;
  private final String timeColumn;
  private final Map<String, Integer> exact = new HashMap<>();
  private final Map<String, Integer> folded = new HashMap<>();

  public Schema(List<Column> columns, List<String> primaryKey, String timeColumn) {
    if (columns == null || columns.isEmpty()) {
      throw new ThermoException(ErrorCode.INVALID_SCHEMA, "a table needs at least one column");
    }
    this.columns = List.copyOf(columns);
    for (int i = 0; i < this.columns.size(); i++) {
      String name = this.columns.get(i).name();
      if (exact.put(name, i) != null) {
        throw new ThermoException(ErrorCode.INVALID_SCHEMA, "duplicate column " + name);
      }
      // A folded name that two columns share is ambiguous and resolves only exactly.
      folded.merge(name.toUpperCase(Locale.ROOT), i, (a, b) -> -1);
    }
    this.primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
    for (String pk : this.primaryKey) {
      indexOf(pk);
    }
    this.timeColumn = timeColumn;
    if (timeColumn != null) {
      TypeKind k = column(timeColumn).type().kind();
      if (k != TypeKind.TIMESTAMP && k != TypeKind.DATE && k != TypeKind.BIGINT) {
        throw new ThermoException(
            ErrorCode.INVALID_SCHEMA,
            "time column " + timeColumn + " must be TIMESTAMP, DATE or BIGINT, not " + k);
      }
    }
  }

  public static Schema of(Column... columns) {
    return new Schema(List.of(columns), List.of(), null);
  }

  public Schema withPrimaryKey(String... key) {
    return new Schema(columns, List.of(key), timeColumn);
  }

  public Schema withTimeColumn(String column) {
    return new Schema(columns, primaryKey, column);
  }

  /** A new schema with one more column at the end (ALTER TABLE ADD COLUMN). */
  public Schema withColumn(Column column) {
    List<Column> more = new ArrayList<>(columns);
    more.add(column);
    return new Schema(more, primaryKey, timeColumn);
  }

  public List<Column> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  public Column column(String name) {
    return columns.get(indexOf(name));
  }

  /** Index of a column, or a {@code UNKNOWN_COLUMN} error naming it. */
  public int indexOf(String name) {
    int i = find(name);
    if (i < 0) {
      throw new ThermoException(
          ErrorCode.UNKNOWN_COLUMN, "unknown column " + name + "; the table has " + names());
    }
    return i;
  }

  /** Index of a column, or -1. */
  public int find(String name) {
    Integer i = exact.get(name);
    if (i != null) {
      return i;
    }
    Integer f = folded.get(name.toUpperCase(Locale.ROOT));
    return f == null ? -1 : f;
  }

  public List<String> primaryKey() {
    return primaryKey;
  }

  public Optional<String> timeColumn() {
    return Optional.ofNullable(timeColumn);
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /** The sub-schema of the named columns, in the given order (a projection). */
  public Schema project(List<String> names) {
    List<Column> cols = new ArrayList<>(names.size());
    for (String n : names) {
      cols.add(column(n));
    }
    List<String> pk = new ArrayList<>();
    for (String k : primaryKey) {
      if (names.contains(k)) {
        pk.add(k);
      }
    }
    String time = timeColumn != null && names.contains(timeColumn) ? timeColumn : null;
    return new Schema(cols, pk.size() == primaryKey.size() ? pk : List.of(), time);
  }

  /**
   * Converts one row of user values to storage values, checking count, types and NOT NULL. The
   * error names the offending column.
   */
  public Object[] toStorageRow(Object[] values) {
    if (values.length != columns.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          "row has "
              + values.length
              + " values but the table has "
              + columns.size()
              + " columns "
              + names());
    }
    Object[] out = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = columns.get(i).toStorage(values[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s
        && s.columns.equals(columns)
        && s.primaryKey.equals(primaryKey)
        && java.util.Objects.equals(s.timeColumn, timeColumn);
  }

  @Override
  public int hashCode() {
    return columns.hashCode() * 31 + primaryKey.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      sb.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(c.type().sql());
      if (!c.nullable()) {
        sb.append(" NOT NULL");
      }
    }
    if (!primaryKey.isEmpty()) {
      sb.append(", PRIMARY KEY ").append(primaryKey);
    }
    return sb.append(')').toString();
  }
}

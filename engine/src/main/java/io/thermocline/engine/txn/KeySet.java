package io.thermocline.engine.txn;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.StorageClass;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of primary-key values of one table, read from full rows (storage values, schema order) or
 * from rows of a batch with the table's columns. {@link #forSchema} picks a primitive long set for
 * a single LONG-stored key and a set of tuples otherwise. Not thread-safe: the table's key index is
 * touched only under the commit lock.
 */
public abstract class KeySet {
  protected final int[] keyColumns;
  protected final List<String> keyNames;

  protected KeySet(int[] keyColumns, List<String> keyNames) {
    this.keyColumns = keyColumns;
    this.keyNames = keyNames;
  }

  /** An empty set for the key of {@code schema}, or null when the table has no primary key. */
  public static KeySet forSchema(Schema schema) {
    List<String> pk = schema.primaryKey();
    if (pk.isEmpty()) {
      return null;
    }
    int[] cols = new int[pk.size()];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      cols[i] = schema.indexOf(pk.get(i));
      names.add(schema.column(cols[i]).name());
    }
    if (cols.length == 1 && schema.column(cols[0]).type().storage() == StorageClass.LONG) {
      return new LongKeySet(cols, names);
    }
    return new TupleKeySet(cols, names);
  }

  /** An empty set of the same kind and key columns. */
  public abstract KeySet emptyCopy();

  /** Adds the key of a row; false when it was already present. */
  public abstract boolean add(Object[] row);

  public abstract boolean add(ColumnBatch batch, int row);

  public abstract boolean contains(Object[] row);

  public abstract boolean contains(ColumnBatch batch, int row);

  public abstract void addAll(KeySet other);

  public abstract void removeAll(KeySet other);

  public abstract int size();

  // ---------------------------------------------------------------- bulk fill (restart)

  /**
   * The columns {@link #addRows} reads, in this order, or null for full rows of the table's schema.
   * A fill scans only these, so a single-column key decodes one column instead of every one.
   */
  public List<String> fillColumns() {
    return null;
  }

  /** Makes room for {@code keys} keys in all, so that a fill of that many does not grow the set. */
  public void reserve(long keys) {}

  /**
   * Adds the key of every row of {@code batch} (the {@link #fillColumns} of each row); returns the
   * first row whose key was present already, or -1 when all were new.
   */
  public int addRows(ColumnBatch batch) {
    for (int r = 0; r < batch.rowCount(); r++) {
      if (!add(batch, r)) {
        return r;
      }
    }
    return -1;
  }

  /** A row of a {@link #fillColumns} batch as text for error messages. */
  public String describeFilled(ColumnBatch batch, int row) {
    return describe(batch, row);
  }

  /** The key of a row as text for error messages, e.g. {@code (id)=(42)}. */
  public String describe(Object[] row) {
    StringBuilder sb = new StringBuilder("(");
    sb.append(String.join(", ", keyNames)).append(")=(");
    for (int i = 0; i < keyColumns.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(row[keyColumns[i]]);
    }
    return sb.append(')').toString();
  }

  public String describe(ColumnBatch batch, int row) {
    return describe(batch.row(row));
  }

  /**
   * The error for a row of a commit refused by this set (its key is in the table already, or came
   * twice in the commit); sets with other rules (series tables) say what they refused and why.
   */
  public ThermoException duplicate(String table, ColumnBatch batch, int row) {
    return new ThermoException(
        ErrorCode.DUPLICATE_KEY,
        "duplicate primary key " + describe(batch, row) + " in table " + table);
  }
}

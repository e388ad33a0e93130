package io.thermocline.hotstore.main;

import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.mvcc.MainVersions;

/**
 * The main of a partition: its columns (all of the same row count) and their row versions. The
 * columns are immutable; only {@link MainVersions} end stamps change, written by the partition's
 * single writer. Replaced as a whole by each delta merge.
 */
public final class MainStore {
  private final int rowCount;
  private final MainColumn[] columns;
  private final MainVersions versions;

  public MainStore(int rowCount, MainColumn[] columns, MainVersions versions) {
    this.rowCount = rowCount;
    this.columns = columns;
    this.versions = versions;
  }

  public static MainStore empty(Schema schema) {
    MainColumn[] cols = new MainColumn[schema.size()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = MainColumn.builder(schema.column(c), emptyDictionary(schema, c), 0, false).finish();
    }
    return new MainStore(0, cols, MainVersions.builder(0, 0, 0).finish());
  }

  private static SortedDictionary emptyDictionary(Schema schema, int c) {
    return switch (schema.column(c).type().storage()) {
      case LONG -> new LongDictionary(new long[0]);
      case DOUBLE -> new DoubleDictionary(new double[0]);
      case STRING -> new StringDictionary(new String[0]);
    };
  }

  public int rowCount() {
    return rowCount;
  }

  public MainColumn column(int index) {
    return columns[index];
  }

  public int columnCount() {
    return columns.length;
  }

  public MainVersions versions() {
    return versions;
  }
}

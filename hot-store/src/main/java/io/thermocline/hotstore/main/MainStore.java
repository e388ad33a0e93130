package io.thermocline.hotstore.main;

import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.mvcc.MainVersions;
import io.thermocline.hotstore.series.SeriesMain;

/**
 * The main of a partition: its columns (all of the same row count) and their row versions. The
 * columns are either dictionary columns or, for a series partition, one {@link SeriesMain} of
 * encoded series blocks. The columns are immutable; only {@link MainVersions} end stamps change,
 * written by the partition's single writer. Replaced as a whole by each delta merge.
 */
public final class MainStore {
  private final int rowCount;
  private final MainColumn[] columns;
  private final MainVersions versions;
  private final SeriesMain series;

  public MainStore(int rowCount, MainColumn[] columns, MainVersions versions) {
    this.rowCount = rowCount;
    this.columns = columns;
    this.versions = versions;
    this.series = null;
  }

  private MainStore(SeriesMain series, MainVersions versions) {
    this.rowCount = series.rowCount();
    this.columns = null;
    this.versions = versions;
    this.series = series;
  }

  /** A main of encoded series blocks. */
  public static MainStore ofSeries(SeriesMain series, MainVersions versions) {
    return new MainStore(series, versions);
  }

  /** The encoded series rows, or null for a dictionary main. */
  public SeriesMain series() {
    return series;
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

  /** A dictionary column; a series main has none. */
  public MainColumn column(int index) {
    if (columns == null) {
      throw new IllegalStateException("a series main has no dictionary columns");
    }
    return columns[index];
  }

  public int columnCount() {
    return columns == null ? series.columnCount() : columns.length;
  }

  public MainVersions versions() {
    return versions;
  }
}

package io.thermocline.admincli.cli;

import java.io.IOException;
import java.util.List;

/**
 * Rows of a file to load, read once from start to end: the column names, then each row's values
 * (String for text formats, Long/Double/Boolean/BigDecimal/String for typed ones, null for NULL)
 * with the line (CSV) or row number (Parquet) an error names. Single-threaded.
 */
public interface RowSource extends AutoCloseable {
  /** The file's name, as errors name it. */
  String file();

  List<String> columns();

  /** The next row's values, or null at the end. */
  Object[] next() throws IOException;

  /** The line (or row number) of the row {@link #next} returned last. */
  long line();

  /** How far the reading is, in the unit of {@link #total()} (bytes or rows). */
  long done();

  /** The whole file in that unit; 0 if unknown. */
  long total();

  @Override
  void close() throws IOException;
}

package io.thermocline.coldstore.parquet;

/**
 * Knobs of the cold file writer. {@code byteStreamSplit} null means "measure per column and file"
 * (the default); true or false forces it. {@code integerDictionary} lets integer columns other than
 * the time column try a dictionary before DELTA_BINARY_PACKED (the default; off writes them
 * DELTA_BINARY_PACKED directly). Both switches exist for the measurements behind the defaults.
 * Immutable.
 */
public record WriterSettings(
    int zstdLevel,
    long rowGroupBytes,
    int rowGroupRows,
    int pageBytes,
    int pageRows,
    Boolean byteStreamSplit,
    boolean integerDictionary) {

  public static WriterSettings defaults() {
    return new WriterSettings(3, 128L << 20, 1 << 20, 1 << 20, 20_000, null, true);
  }

  public WriterSettings withIntegerDictionary(boolean on) {
    return new WriterSettings(
        zstdLevel, rowGroupBytes, rowGroupRows, pageBytes, pageRows, byteStreamSplit, on);
  }

  public WriterSettings withByteStreamSplit(Boolean force) {
    return new WriterSettings(
        zstdLevel, rowGroupBytes, rowGroupRows, pageBytes, pageRows, force, integerDictionary);
  }

  public WriterSettings withRowGroupRows(int rows) {
    return new WriterSettings(
        zstdLevel, rowGroupBytes, rows, pageBytes, pageRows, byteStreamSplit, integerDictionary);
  }

  public WriterSettings withPageRows(int rows) {
    return new WriterSettings(
        zstdLevel,
        rowGroupBytes,
        rowGroupRows,
        pageBytes,
        rows,
        byteStreamSplit,
        integerDictionary);
  }
}

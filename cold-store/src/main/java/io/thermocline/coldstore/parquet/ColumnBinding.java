package io.thermocline.coldstore.parquet;

import io.thermocline.common.type.DataType;
import org.apache.parquet.column.ColumnDescriptor;

/**
 * One column to read: its index in the caller's schema, its Thermocline type, the file's column
 * ({@code null} when the file predates the column, which then reads as NULL) and the conversion
 * from the physical value. Immutable.
 */
public record ColumnBinding(
    int index, String name, DataType type, ColumnDescriptor descriptor, Conversion conversion) {

  public boolean presentInFile() {
    return descriptor != null;
  }
}

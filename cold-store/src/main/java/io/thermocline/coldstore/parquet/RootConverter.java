package io.thermocline.coldstore.parquet;

import java.util.Arrays;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The converter tree {@link org.apache.parquet.column.impl.ColumnReadStoreImpl} insists on. Values
 * are pulled from the column readers directly, so the converters never receive values; their only
 * job is to let string columns take the dictionary ({@link DictionaryCapture}). One row group.
 */
final class RootConverter extends GroupConverter {
  private static final PrimitiveConverter IGNORED = new PrimitiveConverter() {};

  private final PrimitiveConverter[] fields;

  RootConverter(int fieldCount) {
    fields = new PrimitiveConverter[fieldCount];
    Arrays.fill(fields, IGNORED);
  }

  void set(int field, PrimitiveConverter converter) {
    fields[field] = converter;
  }

  @Override
  public Converter getConverter(int fieldIndex) {
    return fields[fieldIndex];
  }

  @Override
  public void start() {}

  @Override
  public void end() {}
}

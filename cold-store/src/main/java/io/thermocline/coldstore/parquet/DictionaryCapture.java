package io.thermocline.coldstore.parquet;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Receives a string column chunk's dictionary and decodes it once, so every row of the chunk is an
 * int id into one {@code String[]} instead of a fresh String. One row group.
 */
final class DictionaryCapture extends PrimitiveConverter {
  private String[] strings = new String[0];

  @Override
  public boolean hasDictionarySupport() {
    return true;
  }

  @Override
  public void setDictionary(Dictionary dictionary) {
    String[] s = new String[dictionary.getMaxId() + 1];
    for (int i = 0; i < s.length; i++) {
      s[i] = dictionary.decodeToBinary(i).toStringUsingUTF8();
    }
    strings = s;
  }

  String[] strings() {
    return strings;
  }
}

package io.thermocline.common.batch;

import io.thermocline.common.type.DataType;

/**
 * Vector of VARCHAR values, either plain ({@link #plain}) or dictionary-encoded ({@link
 * #dictionary}): an {@code int} id per row into a shared {@code String[]}. Consumers that can work
 * on ids (grouping, equality) check {@link #isDictionaryEncoded()} and use {@link #ids()}.
 */
public final class StringVector extends ColumnVector {
  private final String[] plain;
  private final int[] ids;
  private final String[] dictionary;

  private StringVector(
      DataType type, int size, long[] nulls, String[] plain, int[] ids, String[] dictionary) {
    super(type, size, nulls);
    this.plain = plain;
    this.ids = ids;
    this.dictionary = dictionary;
  }

  public static StringVector plain(DataType type, String[] values, int size, long[] nulls) {
    return new StringVector(type, size, nulls, values, null, null);
  }

  /** A dictionary-encoded vector; {@code ids[i]} indexes {@code dictionary} for non-null rows. */
  public static StringVector dictionary(
      DataType type, int[] ids, String[] dictionary, int size, long[] nulls) {
    return new StringVector(type, size, nulls, null, ids, dictionary);
  }

  public boolean isDictionaryEncoded() {
    return ids != null;
  }

  /** Value ids per row (dictionary-encoded vectors only). Do not modify. */
  public int[] ids() {
    return ids;
  }

  /** The dictionary (dictionary-encoded vectors only). Do not modify. */
  public String[] dictionary() {
    return dictionary;
  }

  public String get(int row) {
    if (isNull(row)) {
      return null;
    }
    return ids != null ? dictionary[ids[row]] : plain[row];
  }

  @Override
  public Object getObject(int row) {
    return get(row);
  }
}

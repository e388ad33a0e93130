package io.thermocline.hotstore.main;

import io.thermocline.common.schema.Column;
import io.thermocline.hotstore.bits.BitPackedInts;
import io.thermocline.hotstore.bits.Masks;
import java.util.Arrays;

/**
 * One column of a main: sorted dictionary, one bit-packed value id per row and a null bitmap
 * allocated only when the column has NULLs. A NULL row holds the id {@link #nullId()} (one past the
 * dictionary), so id ranges and id sets never match NULLs and grouping gets a NULL group for free.
 * A zone map keeps the smallest and largest non-NULL id per {@link #ZONE_ROWS} rows so that scans
 * skip zones a range predicate cannot match. Immutable; shared by concurrent readers.
 */
public final class MainColumn {
  /** Rows per zone-map entry; scan blocks never straddle a zone. */
  public static final int ZONE_ROWS = 4096;

  private final Column column;
  private final SortedDictionary dictionary;
  private final BitPackedInts ids;
  private final long[] nulls;
  private final int[] zoneMin;
  private final int[] zoneMax;

  MainColumn(
      Column column,
      SortedDictionary dictionary,
      BitPackedInts ids,
      long[] nulls,
      int[] zoneMin,
      int[] zoneMax) {
    this.column = column;
    this.dictionary = dictionary;
    this.ids = ids;
    this.nulls = nulls;
    this.zoneMin = zoneMin;
    this.zoneMax = zoneMax;
  }

  public Column column() {
    return column;
  }

  public SortedDictionary dictionary() {
    return dictionary;
  }

  public int nullId() {
    return dictionary.size();
  }

  public int rowCount() {
    return ids.size();
  }

  public BitPackedInts ids() {
    return ids;
  }

  public boolean hasNulls() {
    return nulls != null;
  }

  /** The null bitmap over all rows, or null when no row is NULL. Do not modify. */
  public long[] nulls() {
    return nulls;
  }

  public boolean isNull(int row) {
    return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
  }

  public int id(int row) {
    return (int) ids.get(row);
  }

  /** The storage value of a row, or null. Allocates; not for hot loops. */
  public Object value(int row) {
    return isNull(row) ? null : dictionary.value(id(row));
  }

  public void unpackIds(int start, int n, int[] out) {
    ids.unpackInts(start, n, out);
  }

  /** Smallest non-NULL id in the zone of {@code row}; greater than {@link #zoneMax} if none. */
  public int zoneMin(int row) {
    return zoneMin[row / ZONE_ROWS];
  }

  public int zoneMax(int row) {
    return zoneMax[row / ZONE_ROWS];
  }

  public long dictionaryBytes() {
    return dictionary.bytes();
  }

  /** Packed ids plus the zone map. */
  public long idBytes() {
    return ids.bytes() + 32L + 4L * (zoneMin.length + zoneMax.length);
  }

  public long nullBytes() {
    return nulls == null ? 0 : 16L + 8L * nulls.length;
  }

  /**
   * Builds a main column from ids appended in row order (NULL rows as {@code dictionary.size()}).
   * {@code hasNulls} must be known up front because it decides the id width.
   */
  public static Builder builder(
      Column column, SortedDictionary dictionary, int rows, boolean hasNulls) {
    return new Builder(column, dictionary, rows, hasNulls);
  }

  /** Appends ids in row order; single-threaded. */
  public static final class Builder {
    private final Column column;
    private final SortedDictionary dictionary;
    private final int rows;
    private final int nullId;
    private final BitPackedInts.Writer writer;
    private final long[] nulls;
    private final int[] zoneMin;
    private final int[] zoneMax;
    private int row;
    private boolean sawNull;

    private Builder(Column column, SortedDictionary dictionary, int rows, boolean hasNulls) {
      this.column = column;
      this.dictionary = dictionary;
      this.rows = rows;
      this.nullId = dictionary.size();
      int maxId = hasNulls ? nullId : Math.max(0, nullId - 1);
      this.writer = BitPackedInts.writer(BitPackedInts.bitsFor(maxId), rows);
      this.nulls = hasNulls ? new long[Masks.words(rows)] : null;
      int zones = (rows + ZONE_ROWS - 1) / ZONE_ROWS;
      this.zoneMin = new int[zones];
      this.zoneMax = new int[zones];
      Arrays.fill(zoneMin, Integer.MAX_VALUE);
      Arrays.fill(zoneMax, -1);
    }

    /**
     * Appends {@code n} ids; {@code nullId()} marks NULL. The caller guarantees that NULLs appear
     * only when the builder was told {@code hasNulls}.
     */
    public void add(int[] ids, int n) {
      for (int i = 0; i < n; ) {
        int zone = row / ZONE_ROWS;
        int len = Math.min(n - i, (zone + 1) * ZONE_ROWS - row);
        int zmin = zoneMin[zone];
        int zmax = zoneMax[zone];
        for (int j = i, end = i + len; j < end; j++) {
          int id = ids[j];
          if (id == nullId) {
            int r = row + j - i;
            nulls[r >>> 6] |= 1L << r;
            sawNull = true;
          } else {
            zmin = Math.min(zmin, id);
            zmax = Math.max(zmax, id);
          }
        }
        zoneMin[zone] = zmin;
        zoneMax[zone] = zmax;
        row += len;
        i += len;
      }
      writer.addInts(ids, n);
    }

    /**
     * Starts the column with the first {@code n} rows of {@code source} unchanged: a word copy
     * instead of a re-pack. Allowed only when those rows keep their ids (the new dictionary extends
     * the old one without reordering it), the width is the same and the prefix has no NULLs (whose
     * id moves with the dictionary size). Returns false when not allowed.
     */
    public boolean tryCopyPrefix(MainColumn source, int n) {
      if (row != 0
          || n == 0
          || source.ids.width() != writer.width()
          || Masks.anyInRange(source.nulls, 0, n)) {
        return false;
      }
      writer.copyPrefix(source.ids, n);
      int zones = n / ZONE_ROWS;
      System.arraycopy(source.zoneMin, 0, zoneMin, 0, zones);
      System.arraycopy(source.zoneMax, 0, zoneMax, 0, zones);
      for (int r = zones * ZONE_ROWS; r < n; r++) {
        int id = source.id(r);
        zoneMin[zones] = Math.min(zoneMin[zones], id);
        zoneMax[zones] = Math.max(zoneMax[zones], id);
      }
      row = n;
      return true;
    }

    public MainColumn finish() {
      if (row != rows) {
        throw new IllegalStateException("main column has " + row + " of " + rows + " rows");
      }
      return new MainColumn(
          column, dictionary, writer.finish(), sawNull ? nulls : null, zoneMin, zoneMax);
    }
  }
}

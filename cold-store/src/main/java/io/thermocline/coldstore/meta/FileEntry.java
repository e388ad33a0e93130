package io.thermocline.coldstore.meta;

import java.util.List;

/**
 * The manifest entry of one immutable cold file. The file is visible to snapshot {@code s} when
 * {@code createCid <= s < retireCid}; {@link #LIVE} as retire cid means not retired. {@code path}
 * is relative to the cold root, so a root can move (restore elsewhere) without rewriting the
 * manifest. {@code tailOffset}/{@code tailCrc} cover the file's page indexes and footer (CRC32C),
 * checked before the footer is trusted. Immutable.
 */
public record FileEntry(
    int tableId,
    long partition,
    long fileId,
    String path,
    long rowCount,
    long sizeBytes,
    long createCid,
    long retireCid,
    long tailOffset,
    int tailCrc,
    List<ColumnStats> stats) {

  public static final long LIVE = Long.MAX_VALUE;

  public FileEntry {
    stats = List.copyOf(stats);
  }

  public boolean isLive() {
    return retireCid == LIVE;
  }

  public boolean visibleAt(long snapshot) {
    return createCid <= snapshot && snapshot < retireCid;
  }

  /** Stats of column {@code index}; columns added after the file was written are all NULL. */
  public ColumnStats stats(int index) {
    return index < stats.size() ? stats.get(index) : ColumnStats.allNull(rowCount);
  }

  public FileEntry retiredAt(long cid) {
    return new FileEntry(
        tableId,
        partition,
        fileId,
        path,
        rowCount,
        sizeBytes,
        createCid,
        cid,
        tailOffset,
        tailCrc,
        stats);
  }
}

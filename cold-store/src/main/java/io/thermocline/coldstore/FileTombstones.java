package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.scan.LongList;
import java.util.Arrays;

/**
 * The tombstones of one file as two parallel primitive arrays sorted by row position (RocksDB
 * returns the keys in that order): lookups are a binary search, with no boxing per row. Immutable.
 */
record FileTombstones(long[] positions, long[] ends) {
  static final long NONE = FileEntry.LIVE;

  static FileTombstones load(MetaStore meta, MetaView view, long fileId) {
    LongList positions = new LongList();
    LongList ends = new LongList();
    view.scan(
        meta.tombstones(),
        MetaCodec.tombstonePrefix(fileId),
        (k, v) -> {
          positions.add(MetaCodec.tombstonePosition(k));
          ends.add(MetaCodec.decodeTombstone(v));
          return true;
        });
    return new FileTombstones(positions.toArray(), ends.toArray());
  }

  int size() {
    return positions.length;
  }

  /** The end cid of the row at {@code position}, or {@link #NONE}. */
  long endOf(long position) {
    int i = Arrays.binarySearch(positions, position);
    return i >= 0 ? ends[i] : NONE;
  }

  /** Whether some row was ended at or before {@code cid}. */
  boolean anyEndedBy(long cid) {
    for (long e : ends) {
      if (e <= cid) {
        return true;
      }
    }
    return false;
  }

  /** The largest end cid at or before {@code cid}, or 0. */
  long lastEndBy(long cid) {
    long last = 0;
    for (long e : ends) {
      if (e <= cid) {
        last = Math.max(last, e);
      }
    }
    return last;
  }
}

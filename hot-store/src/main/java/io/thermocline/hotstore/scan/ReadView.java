package io.thermocline.hotstore.scan;

import io.thermocline.hotstore.delta.DeltaStore;
import io.thermocline.hotstore.main.MainStore;
import java.util.ArrayList;
import java.util.List;

/**
 * What one reader reads: the main and the deltas of the partition root it found, with each delta's
 * row count read once at that moment. Immutable; later appends and merges do not change it.
 */
public record ReadView(MainStore main, List<DeltaStore> deltas, int[] deltaRows) {

  /** Reads the row count of every delta now. */
  public static ReadView of(MainStore main, List<DeltaStore> deltas) {
    int[] rows = new int[deltas.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = deltas.get(i).rowCount();
    }
    return new ReadView(main, List.copyOf(deltas), rows);
  }

  /** Fresh segments (own scratch space) for one thread. */
  public List<Segment> segments(Pred pred, long snapshot, int blockSize) {
    List<Segment> out = new ArrayList<>(1 + deltas.size());
    if (main.series() != null) {
      out.add(
          new DeltaSegment(
              main.series().reader(main.versions()), main.rowCount(), pred, snapshot, blockSize));
    } else {
      out.add(new MainSegment(main, pred, snapshot, blockSize));
    }
    for (int i = 0; i < deltas.size(); i++) {
      out.add(new DeltaSegment(deltas.get(i), deltaRows[i], pred, snapshot, blockSize));
    }
    return out;
  }

  public long totalRows() {
    long n = main.rowCount();
    for (int r : deltaRows) {
      n += r;
    }
    return n;
  }
}

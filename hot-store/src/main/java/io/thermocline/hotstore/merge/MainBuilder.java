package io.thermocline.hotstore.merge;

import io.thermocline.common.schema.Schema;
import io.thermocline.hotstore.bits.WorkerPool;
import io.thermocline.hotstore.delta.DeltaChunk;
import io.thermocline.hotstore.delta.DeltaStore;
import io.thermocline.hotstore.main.MainColumn;
import io.thermocline.hotstore.main.MainStore;
import io.thermocline.hotstore.mvcc.MainVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Builds the main that replaces {@code old} after merging the first {@code deltaRows} rows of a
 * frozen delta: rows ended at or before the oldest live snapshot are dropped, create ids at or
 * before it collapse to 0, later ends are carried over, and columns are merged in parallel when
 * asked. Reads the old main and the frozen delta while the writer may still stamp ends on them;
 * such ends are re-applied by the caller through the returned {@link SurvivorMap}s.
 */
public final class MainBuilder {
  private MainBuilder() {}

  /** The new main and where each surviving source row went. */
  public record Result(MainStore main, SurvivorMap mainRows, SurvivorMap deltaRows) {
    public long droppedRows() {
      return (mainRows.rows() - mainRows.survivors()) + (deltaRows.rows() - deltaRows.survivors());
    }
  }

  public static Result build(
      Schema schema,
      MainStore old,
      DeltaStore delta,
      int deltaRows,
      long oldestLiveSnapshot,
      int parallelism) {
    SurvivorMap mainMap = mainSurvivors(old, oldestLiveSnapshot);
    SurvivorMap deltaMap =
        deltaSurvivors(delta, deltaRows, mainMap.survivors(), oldestLiveSnapshot);
    int rows = mainMap.survivors() + deltaMap.survivors();
    MainVersions versions = versions(old, delta, mainMap, deltaMap, rows, oldestLiveSnapshot);
    MainColumn[] columns = new MainColumn[schema.size()];
    int parts = Math.max(1, Math.min(parallelism, columns.length));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int t = 0; t < parts; t++) {
      int first = t;
      tasks.add(
          () -> {
            for (int c = first; c < columns.length; c += parts) {
              columns[c] =
                  new ColumnMerge(schema.column(c), c, old.column(c), mainMap, delta, deltaMap)
                      .merge();
            }
            return null;
          });
    }
    WorkerPool.runAll(tasks);
    return new Result(new MainStore(rows, columns, versions), mainMap, deltaMap);
  }

  private static SurvivorMap mainSurvivors(MainStore old, long oldest) {
    MainVersions v = old.versions();
    int rows = old.rowCount();
    if (!v.anyEnded()) {
      return SurvivorMap.all(rows, 0);
    }
    long[] bits = new long[(rows + 63) >>> 6];
    for (int r = 0; r < rows; r++) {
      if (v.end(r) > oldest) {
        bits[r >>> 6] |= 1L << r;
      }
    }
    return SurvivorMap.of(rows, 0, bits);
  }

  private static SurvivorMap deltaSurvivors(DeltaStore d, int rows, int offset, long oldest) {
    long[] bits = new long[(rows + 63) >>> 6];
    boolean drops = false;
    for (int r = 0; r < rows; r++) {
      if (d.end(r) > oldest) {
        bits[r >>> 6] |= 1L << r;
      } else {
        drops = true;
      }
    }
    return drops ? SurvivorMap.of(rows, offset, bits) : SurvivorMap.all(rows, offset);
  }

  private static MainVersions versions(
      MainStore old,
      DeltaStore delta,
      SurvivorMap mainMap,
      SurvivorMap deltaMap,
      int rows,
      long oldest) {
    MainVersions ov = old.versions();
    boolean oldCollapsed = ov.allCollapsed() || ov.maxCreate() <= oldest;
    long min = Long.MAX_VALUE;
    long max = 0;
    if (!oldCollapsed) {
      for (int r = 0; r < mainMap.rows(); r++) {
        long c = ov.create(r);
        if (c > oldest && mainMap.survives(r)) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
      }
    }
    for (int r = 0; r < deltaMap.rows(); r++) {
      long c = delta.create(r);
      if (c > oldest && deltaMap.survives(r)) {
        min = Math.min(min, c);
        max = Math.max(max, c);
      }
    }
    MainVersions.Builder b = MainVersions.builder(rows, max == 0 ? 0 : min, max);
    if (oldCollapsed) {
      b.addCreates(0, mainMap.survivors());
    } else {
      for (int r = 0; r < mainMap.rows(); r++) {
        if (mainMap.survives(r)) {
          long c = ov.create(r);
          b.addCreate(c > oldest ? c : 0);
        }
      }
    }
    for (int start = 0; start < deltaMap.rows(); start += DeltaChunk.ROWS) {
      int len = Math.min(DeltaChunk.ROWS, deltaMap.rows() - start);
      DeltaChunk chunk = delta.chunk(start / DeltaChunk.ROWS);
      for (int o = 0; o < len; o++) {
        if (deltaMap.survives(start + o)) {
          long c = chunk.create(o);
          b.addCreate(c > oldest ? c : 0);
        }
      }
    }
    if (ov.anyEnded()) {
      for (int r = 0; r < mainMap.rows(); r++) {
        long e = ov.end(r);
        if (e != MainVersions.NOT_ENDED && mainMap.survives(r)) {
          b.setEnd(mainMap.newPosition(r), e);
        }
      }
    }
    for (int r = 0; r < deltaMap.rows(); r++) {
      long e = delta.end(r);
      if (e != MainVersions.NOT_ENDED && deltaMap.survives(r)) {
        b.setEnd(deltaMap.newPosition(r), e);
      }
    }
    return b.finish();
  }
}

package io.thermocline.engine.table;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.scan.BatchCursor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * The batches of several tier scans one after the other, each opened when the previous one is done
 * (so a cold scan pins its files only while it runs). One consumer thread; closing closes the open
 * scan and skips the rest.
 */
final class UnionCursor implements BatchCursor {
  private final Deque<Supplier<BatchCursor>> pending;
  private BatchCursor current;
  private boolean closed;

  UnionCursor(List<Supplier<BatchCursor>> parts) {
    this.pending = new ArrayDeque<>(parts);
  }

  @Override
  public ColumnBatch next() {
    while (!closed) {
      if (current == null) {
        Supplier<BatchCursor> s = pending.poll();
        if (s == null) {
          return null;
        }
        current = s.get();
      }
      ColumnBatch b = current.next();
      if (b != null) {
        return b;
      }
      current.close();
      current = null;
    }
    return null;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pending.clear();
    if (current != null) {
      current.close();
      current = null;
    }
  }
}

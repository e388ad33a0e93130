package io.thermocline.common.scan;

import io.thermocline.common.batch.ColumnBatch;

/**
 * A pull iterator over the batches of one scan. Single consumer thread. Close it to release what
 * the scan holds (file handles, snapshot pins); closing twice is harmless.
 */
public interface BatchCursor extends AutoCloseable {
  /** The next non-empty batch, or {@code null} when the scan is done. */
  ColumnBatch next();

  @Override
  void close();
}

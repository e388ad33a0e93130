package io.thermocline.common.io;

import java.io.IOException;

/** A file being written sequentially. One thread at a time. */
public interface WritableFile extends AutoCloseable {
  String path();

  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Bytes written so far, including what the file held when opened for append. */
  long position() throws IOException;

  /** Forces written bytes to stable storage (fsync / hsync). */
  void sync() throws IOException;

  @Override
  void close() throws IOException;
}

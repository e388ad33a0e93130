package io.thermocline.common.io;

import java.io.EOFException;
import java.io.IOException;

/** A file open for positional reads. One thread at a time. */
public interface ReadableFile extends AutoCloseable {
  String path();

  long length() throws IOException;

  /**
   * Reads exactly {@code length} bytes at {@code position}.
   *
   * @throws EOFException if the file ends first
   */
  void readFully(long position, byte[] buffer, int offset, int length) throws IOException;

  @Override
  void close() throws IOException;
}

package io.thermocline.coldstore.parquet;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.EOFException;
import java.io.IOException;

/**
 * Turns what parquet-hadoop and Hadoop throw while reading a file into Thermocline errors naming
 * the file: decoding failures (bad page CRC, undecodable Thrift headers, ZSTD frames, short reads)
 * are {@link CorruptFileException}s; other I/O failures of the file system are {@code IO_ERROR}s.
 * Stateless.
 */
public final class ColdFileErrors {
  private ColdFileErrors() {}

  public static ThermoException reading(String file, Throwable e) {
    if (e instanceof ThermoException t) {
      return t;
    }
    // A chunk checksum mismatch raised under parquet may come back wrapped in parquet's exceptions.
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c instanceof CorruptFileException corrupt) {
        return corrupt;
      }
    }
    if (e instanceof IOException io && !isDecodingFailure(io)) {
      return new ThermoException(
          ErrorCode.IO_ERROR, "cannot read cold file " + file + ": " + e.getMessage(), e);
    }
    return new CorruptFileException(file, -1, "cold file is unreadable: " + e, e);
  }

  private static boolean isDecodingFailure(IOException e) {
    String cls = e.getClass().getName();
    String msg = String.valueOf(e.getMessage());
    // An IOException that parquet itself raised (not one passed up from the file system) means
    // the bytes were read but don't decode: e.g. "Expected 256 values in column chunk ... but got".
    StackTraceElement[] at = e.getStackTrace();
    boolean raisedByParquet =
        at.length > 0 && at[0].getClassName().startsWith("org.apache.parquet");
    return e instanceof EOFException
        || raisedByParquet
        || cls.startsWith("org.apache.parquet")
        || cls.startsWith("com.github.luben")
        || msg.contains("can not read class")
        || msg.contains("is not a Parquet file");
  }
}

package io.thermocline.common.error;

/**
 * A file failed a magic, checksum or structure check. Names the file and the byte offset at which
 * the problem was found. Readers throw this before any secondary error, and never return data from
 * a file that failed.
 */
public class CorruptFileException extends ThermoException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;
  private final String problem;

  public CorruptFileException(String file, long offset, String problem) {
    this(file, offset, problem, null);
  }

  public CorruptFileException(String file, long offset, String problem, Throwable cause) {
    super(ErrorCode.CORRUPT_FILE, problem + " (file=" + file + ", offset=" + offset + ")", cause);
    this.file = file;
    this.offset = offset;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  /** What was wrong, without the error code, file and offset the message adds around it. */
  public String problem() {
    return problem;
  }
}

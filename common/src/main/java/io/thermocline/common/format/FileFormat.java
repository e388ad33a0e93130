package io.thermocline.common.format;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.ReadableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One file format Thermocline writes itself (log segment, checkpoint, series block, backup
 * manifest), and the single place where headers and footers are written and checked (DESIGN.md
 * section 11).
 *
 * <pre>
 * header = MAGIC (int) | name length (1 byte) | name (UTF-8, 1..255 bytes) | version (int)
 * body   = whatever the format writes
 * footer = FOOTER_MAGIC (int) | CRC32C (int) of every byte before the CRC
 * </pre>
 *
 * All integers are big-endian. A format declares the versions it reads, {@code [minVersion,
 * currentVersion]}, and writes {@code currentVersion}; version constants are named after the
 * feature they added ({@code VERSION_START}, {@code VERSION_CHIMP}, ...). A bad magic, name,
 * checksum or a truncation is a {@link CorruptFileException} naming file and offset; a version out
 * of range is a {@link FormatVersionException}, but only once the checksum has passed: corruption
 * is always reported first, and no reader returns data before its footer is verified.
 *
 * <p>Immutable and thread-safe; the streams it works on are single-threaded.
 */
public final class FileFormat {
  /** First four bytes of every Thermocline file: "THRM". */
  public static final int MAGIC = 0x5448524D;

  /** First four bytes of every footer: the complement of {@link #MAGIC}. */
  public static final int FOOTER_MAGIC = ~MAGIC;

  /** Footer magic and CRC32C. */
  public static final int FOOTER_LENGTH = 8;

  /** Suffix of the temporary file {@link #writeAtomically} renames into place. */
  public static final String TEMP_SUFFIX = ".tmp";

  private final String name;
  private final byte[] nameUtf8;
  private final int minVersion;
  private final int currentVersion;

  /** Writes a format's body. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(ChecksumOutput out) throws IOException;
  }

  /** Reads a format's body, given the version the header declared. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(ChecksumInput in, int version) throws IOException;
  }

  private FileFormat(String name, int minVersion, int currentVersion) {
    this.name = name;
    this.nameUtf8 = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
    if (nameUtf8.length == 0 || nameUtf8.length > 255) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "format name must be 1..255 UTF-8 bytes: " + name);
    }
    if (minVersion < 0 || minVersion > currentVersion) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "format " + name + " reads versions [" + minVersion + ", " + currentVersion + "]");
    }
    this.minVersion = minVersion;
    this.currentVersion = currentVersion;
  }

  /** A format that writes {@code currentVersion} and reads {@code [minVersion, currentVersion]}. */
  public static FileFormat of(String name, int minVersion, int currentVersion) {
    return new FileFormat(name, minVersion, currentVersion);
  }

  public String name() {
    return name;
  }

  public int minVersion() {
    return minVersion;
  }

  public int currentVersion() {
    return currentVersion;
  }

  /** Bytes of the header. */
  public int headerLength() {
    return 4 + 1 + nameUtf8.length + 4;
  }

  /** Writes the header with {@link #currentVersion}. */
  public void writeHeader(ChecksumOutput out) throws IOException {
    writeHeader(out, currentVersion);
  }

  /**
   * Writes the header with an explicit version (tests, and writing an older version on purpose).
   */
  public void writeHeader(ChecksumOutput out, int version) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(nameUtf8.length);
    out.writeBytes(nameUtf8);
    out.writeInt(version);
  }

  /**
   * Reads and checks the header; returns the version. This alone cannot tell a corrupt version from
   * a newer writer: whole-file readers go through {@link #read} or {@link #decode}, which check the
   * footer before reporting a version error.
   */
  public int readHeader(ChecksumInput in) throws IOException {
    long start = in.position();
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new CorruptFileException(
          in.path(),
          start,
          "not a Thermocline file: magic 0x"
              + Integer.toHexString(magic)
              + ", expected 0x"
              + Integer.toHexString(MAGIC));
    }
    long nameAt = in.position();
    int len = in.readByte() & 0xFF;
    in.require(len);
    byte[] actual = new byte[len];
    in.readBytes(actual, 0, len);
    if (!java.util.Arrays.equals(actual, nameUtf8)) {
      throw new CorruptFileException(
          in.path(),
          nameAt,
          "format is '"
              + new String(actual, StandardCharsets.UTF_8)
              + "', expected '"
              + name
              + "'");
    }
    int version = in.readInt();
    if (version < minVersion || version > currentVersion) {
      throw new FormatVersionException(in.path(), name, version, minVersion, currentVersion);
    }
    return version;
  }

  /**
   * Verifies the footer; every data byte must have been read (a body reader that stops early has
   * misread the file). Throws {@link CorruptFileException} on a bad magic or checksum.
   */
  public static void checkFooter(ChecksumInput in) throws IOException {
    if (!in.hasFooter()) {
      throw new ThermoException(ErrorCode.INTERNAL, in.path() + " was opened without a footer");
    }
    long unread = in.remaining();
    if (unread != 0) {
      long at = in.position();
      // A damaged file explains early stops best, so its checksum is checked first.
      in.skip(unread);
      verifyFooter(in);
      throw new CorruptFileException(
          in.path(), at, unread + " unread bytes before the footer at " + in.dataEnd());
    }
    verifyFooter(in);
  }

  private static void verifyFooter(ChecksumInput in) throws IOException {
    byte[] footer = new byte[FOOTER_LENGTH];
    int actual = in.readFooterAndChecksum(footer);
    int magic = intAt(footer, 0);
    if (magic != FOOTER_MAGIC) {
      throw new CorruptFileException(
          in.path(),
          in.dataEnd(),
          "no footer: found 0x" + Integer.toHexString(magic) + " (truncated or extended?)");
    }
    int expected = intAt(footer, 4);
    if (expected != actual) {
      throw new CorruptFileException(
          in.path(),
          in.dataEnd(),
          "checksum mismatch: footer says 0x"
              + Integer.toHexString(expected)
              + ", data has 0x"
              + Integer.toHexString(actual));
    }
  }

  /**
   * Verifies the footer after {@code prior} was thrown while reading, and always throws: a {@link
   * CorruptFileException} (with {@code prior} suppressed) if the file is corrupt, otherwise {@code
   * prior} itself, noting that the checksum passed. With {@code prior == null} this is {@link
   * #checkFooter(ChecksumInput)}. Corruption is so reported ahead of any error it caused.
   */
  public static void checkFooter(ChecksumInput in, Throwable prior) throws IOException {
    if (prior == null) {
      checkFooter(in);
      return;
    }
    try {
      // Skip what the reader left unread; it still counts towards the checksum.
      in.skip(in.remaining());
      checkFooter(in);
      prior.addSuppressed(
          new CorruptFileException(
              in.path(), in.dataEnd(), "checksum passed: the error is not file corruption"));
    } catch (CorruptFileException corrupt) {
      corrupt.addSuppressed(prior);
      throw corrupt;
    } catch (IOException | RuntimeException e) {
      prior.addSuppressed(e);
    }
    throw rethrow(prior);
  }

  /**
   * Reads a whole file: header, body, footer. Returns the body's result only after the checksum has
   * passed; a version out of range is reported only if the checksum passes.
   */
  public <T> T read(FileIO io, String path, BodyReader<T> body) throws IOException {
    try (ChecksumInput in = ChecksumInput.open(io.open(path))) {
      return read(in, body);
    }
  }

  /** {@link #read} over an input the caller opened (and closes). */
  public <T> T read(ChecksumInput in, BodyReader<T> body) throws IOException {
    T result = null;
    Throwable prior = null;
    try {
      int version = readHeader(in);
      result = body.read(in, version);
    } catch (Throwable t) {
      prior = t;
    }
    checkFooter(in, prior);
    return result;
  }

  /**
   * Decodes a small file held in memory. The checksum is verified before anything is parsed, so a
   * damaged file is reported as corrupt whatever the damage.
   */
  public <T> T decode(String file, byte[] bytes, BodyReader<T> body) throws IOException {
    verifyChecksum(file, bytes);
    try (ChecksumInput in = ChecksumInput.of(file, bytes)) {
      return read(in, body);
    }
  }

  /** Encodes a small file in memory: header, body, footer. */
  public byte[] encode(BodyWriter body) throws IOException {
    try (ChecksumOutput out = ChecksumOutput.toMemory(name)) {
      writeHeader(out);
      body.write(out);
      out.writeFooter();
      return out.toByteArray();
    }
  }

  /**
   * Replaces {@code path} atomically with a new file of this format: write {@code path + ".tmp"},
   * fsync it, rename it over {@code path}, fsync the directory. After a crash the path holds the
   * old or the new file, never a mix; a failure deletes the temporary file (best effort).
   */
  public void writeAtomically(FileIO io, String path, BodyWriter body) throws IOException {
    String tmp = path + TEMP_SUFFIX;
    try {
      try (ChecksumOutput out = ChecksumOutput.to(io.create(tmp))) {
        writeHeader(out);
        body.write(out);
        out.writeFooter();
        out.sync();
      }
      io.rename(tmp, path);
      io.syncDirectory(io.parent(path));
    } catch (IOException | RuntimeException | Error e) {
      try {
        io.delete(tmp);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Writes a new file of this format at {@code path} (not atomic) and fsyncs it. */
  public void write(FileIO io, String path, BodyWriter body) throws IOException {
    try (ChecksumOutput out = ChecksumOutput.to(io.create(path))) {
      writeHeader(out);
      body.write(out);
      out.writeFooter();
      out.sync();
    }
  }

  /**
   * Verifies that a whole file's footer matches its bytes, whatever its format (backup verify,
   * scrubbing). Reads the file once; throws {@link CorruptFileException} if it does not.
   */
  public static void verifyChecksum(ReadableFile file) throws IOException {
    try (ChecksumInput in = ChecksumInput.open(file)) {
      in.skip(in.remaining());
      checkFooter(in);
    }
  }

  /** {@link #verifyChecksum(ReadableFile)} of a file held in memory. */
  public static void verifyChecksum(String file, byte[] bytes) throws IOException {
    verifyChecksum(new MemoryFiles.Readable(file, bytes));
  }

  private static int intAt(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  private static IOException rethrow(Throwable t) {
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new ThermoException(ErrorCode.INTERNAL, "unexpected " + t, t);
  }

  @Override
  public String toString() {
    return name + " [" + minVersion + ", " + currentVersion + "]";
  }
}

package io.thermocline.coldstore.parquet;

import io.thermocline.common.error.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A cold file's footer, parsed only after its tail (page indexes + footer) matched the CRC32C the
 * manifest recorded when the file was written, and after the file's length matched too. A flipped
 * bit in statistics or an index would otherwise prune rows silently; this way it is an error naming
 * the file. Immutable; shared through {@link FooterCache}.
 */
public record VerifiedFooter(ParquetMetadata footer, byte[] tail, long tailOffset, long length) {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  public static VerifiedFooter load(
      FileSystem fs, Path path, long expectedLength, long tailOffset, int tailCrc) {
    String file = path.toString();
    try {
      long length = fs.getFileStatus(path).getLen();
      if (length != expectedLength) {
        throw new CorruptFileException(
            file,
            length,
            "file is " + length + " bytes but the manifest recorded " + expectedLength);
      }
      if (tailOffset < 4 || tailOffset > length - 12) {
        throw new CorruptFileException(file, tailOffset, "tail offset outside the file");
      }
      byte[] tail = new byte[(int) (length - tailOffset)];
      try (FSDataInputStream in = fs.open(path)) {
        in.readFully(tailOffset, tail, 0, tail.length);
      }
      CRC32C crc = new CRC32C();
      crc.update(tail, 0, tail.length);
      if ((int) crc.getValue() != tailCrc) {
        throw new CorruptFileException(
            file, tailOffset, "page index and footer checksum mismatch (CRC32C)");
      }
      int n = tail.length;
      for (int i = 0; i < 4; i++) {
        if (tail[n - 4 + i] != MAGIC[i]) {
          throw new CorruptFileException(file, length - 4, "no Parquet magic at the end");
        }
      }
      int footerLength =
          (tail[n - 8] & 0xFF)
              | (tail[n - 7] & 0xFF) << 8
              | (tail[n - 6] & 0xFF) << 16
              | (tail[n - 5] & 0xFF) << 24;
      int footerStart = n - 8 - footerLength;
      if (footerLength <= 0 || footerStart < 0) {
        throw new CorruptFileException(file, length - 8, "bad footer length " + footerLength);
      }
      ParquetMetadata md =
          new ParquetMetadataConverter()
              .readParquetMetadata(
                  new ByteArrayInputStream(tail, footerStart, footerLength),
                  ParquetMetadataConverter.NO_FILTER);
      return new VerifiedFooter(md, tail, tailOffset, length);
    } catch (IOException | RuntimeException e) {
      throw ColdFileErrors.reading(file, e);
    }
  }
}

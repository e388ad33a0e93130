package io.thermocline.coldstore.parquet;

import java.io.IOException;
import java.util.zip.CRC32C;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on a Hadoop file system whose stream {@code hsync}s before it
 * closes, so a file is durable before it is renamed into place, and which checksums with CRC32C
 * each column chunk (between {@link #beginChunk()} and {@link #endChunk()}) and everything written
 * after {@link #markTail()} (the page indexes and the footer). Parquet's writer closes the stream
 * itself at {@code end()}; {@link #abandon()} closes it without the sync after a failure. One
 * writer thread.
 */
final class SyncingOutputFile implements OutputFile {
  private final FileSystem fs;
  private final Path path;
  private Stream stream;

  SyncingOutputFile(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    stream = new Stream(fs.create(path, false));
    return stream;
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    stream = new Stream(fs.create(path, true));
    return stream;
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }

  /** Starts checksumming; returns the offset where the checksummed tail begins. */
  long markTail() throws IOException {
    stream.crc = new CRC32C();
    return stream.getPos();
  }

  /** Starts checksumming one column chunk; returns its offset. */
  long beginChunk() throws IOException {
    stream.chunkCrc.reset();
    stream.inChunk = true;
    return stream.getPos();
  }

  /** Ends the column chunk begun last; returns its CRC32C. */
  int endChunk() {
    stream.inChunk = false;
    return (int) stream.chunkCrc.getValue();
  }

  int tailCrc() {
    return (int) stream.crc.getValue();
  }

  long length() throws IOException {
    return stream.getPos();
  }

  /** Closes the stream without syncing (the file is about to be deleted). Never throws. */
  void abandon() {
    if (stream != null) {
      stream.abandoned = true;
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // the write already failed; that failure is the one reported
      }
    }
  }

  private static final class Stream extends PositionOutputStream {
    private final FSDataOutputStream out;
    private CRC32C crc;
    private final CRC32C chunkCrc = new CRC32C();
    private boolean inChunk;
    private boolean abandoned;
    private boolean closed;

    Stream(FSDataOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() throws IOException {
      return out.getPos();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (inChunk) {
        chunkCrc.update(b);
      }
      if (crc != null) {
        crc.update(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (inChunk) {
        chunkCrc.update(b, off, len);
      }
      if (crc != null) {
        crc.update(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (abandoned) {
        out.close();
        return;
      }
      try {
        out.hsync();
      } catch (IOException | RuntimeException e) {
        try {
          out.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
      out.close();
    }
  }
}

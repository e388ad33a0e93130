package io.thermocline.admincli.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermocline.admincli.admin.AdminJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A {@link RowSource} as the JSON lines the server's loader reads (header, then {@code [line,
 * values...]} per row), encoded lazily as the HTTP client reads, so a file of any size streams with
 * a small buffer. Reports progress after each chunk. Single-threaded (the HTTP client's reading
 * thread).
 */
final class RowStream extends InputStream {
  private static final ObjectMapper JSON = AdminJson.mapper();
  private static final int CHUNK_ROWS = 1024;

  private final RowSource source;
  private final ProgressBar progress;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
  private byte[] chunk = new byte[0];
  private int pos;
  private boolean header;
  private boolean ended;
  private long rows;
  private RuntimeException failure;

  RowStream(RowSource source, ProgressBar progress) {
    this.source = source;
    this.progress = progress;
  }

  long rows() {
    return rows;
  }

  /** Why reading the file failed, or null. */
  RuntimeException failure() {
    return failure;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pos == chunk.length && !fill()) {
      return -1;
    }
    int n = Math.min(len, chunk.length - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    buffer.reset();
    try (JsonGenerator g = JSON.getFactory().createGenerator(buffer)) {
      g.setRootValueSeparator(null);
      if (!header) {
        header = true;
        g.writeStartObject();
        g.writeStringField("file", source.file());
        g.writeArrayFieldStart("columns");
        for (String c : source.columns()) {
          g.writeString(c);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
      }
      for (int i = 0; i < CHUNK_ROWS; i++) {
        Object[] row = source.next();
        if (row == null) {
          ended = true;
          // The end mark: without it the server takes the stream as cut off and commits nothing.
          g.writeStartObject();
          g.writeNumberField("end", rows);
          g.writeEndObject();
          g.writeRaw('\n');
          break;
        }
        rows++;
        g.writeStartArray();
        g.writeNumber(source.line());
        for (Object v : row) {
          write(g, v);
        }
        g.writeEndArray();
        g.writeRaw('\n');
      }
    } catch (RuntimeException e) {
      // A bad file (unclosed quote, wrong field count): the request is cut off, and the command
      // reports this failure rather than the HTTP client's.
      failure = e;
      throw new IOException(e.getMessage(), e);
    }
    progress.update(source.done(), source.total());
    chunk = buffer.toByteArray();
    pos = 0;
    return chunk.length > 0 || !ended;
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeString(d.toString());
      } else {
        g.writeNumber(d);
      }
    } else if (v instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (v instanceof BigDecimal bd) {
      g.writeNumber(bd);
    } else {
      throw new UncheckedIOException(new IOException("cannot encode " + v.getClass()));
    }
  }
}

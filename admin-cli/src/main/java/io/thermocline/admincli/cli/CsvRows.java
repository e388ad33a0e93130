package io.thermocline.admincli.cli;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file (RFC 4180): a header line of column names, then one row per record; fields separated
 * by a delimiter, optionally quoted with {@code "} (a doubled quote inside is one quote; quoted
 * fields may hold delimiters and line breaks). An empty unquoted field is NULL, an empty quoted one
 * the empty string. Single-threaded.
 */
public final class CsvRows implements RowSource {
  private final String file;
  private final char delimiter;
  private final CountingStream counted;
  private final BufferedReader in;
  private final long total;
  private final List<String> columns;
  private long line = 1; // the line the reader is on
  private long rowLine;
  private int pushed = -2;

  public CsvRows(Path path, char delimiter) throws IOException {
    this.file = path.getFileName().toString();
    this.delimiter = delimiter;
    this.total = Files.size(path);
    this.counted = new CountingStream(Files.newInputStream(path));
    this.in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    List<String> header = record();
    if (header == null) {
      in.close();
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "file " + file + " is empty (no header)");
    }
    List<String> names = new ArrayList<>();
    for (String h : header) {
      String name = h == null ? "" : h.trim();
      if (name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      if (name.isEmpty()) {
        in.close();
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "file " + file + " line 1 column " + (names.size() + 1) + ": the header has no name");
      }
      names.add(name);
    }
    this.columns = List.copyOf(names);
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public Object[] next() throws IOException {
    while (true) {
      List<String> r = record();
      if (r == null) {
        return null;
      }
      if (r.size() == 1 && r.get(0) == null) {
        continue; // a blank line
      }
      if (r.size() != columns.size()) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "file "
                + file
                + " line "
                + rowLine
                + ": "
                + r.size()
                + " fields, the header has "
                + columns.size());
      }
      return r.toArray();
    }
  }

  @Override
  public long line() {
    return rowLine;
  }

  @Override
  public long done() {
    return counted.count;
  }

  @Override
  public long total() {
    return total;
  }

  /** The next record's fields, or null at the end of the file. */
  private List<String> record() throws IOException {
    rowLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    boolean inQuotes = false;
    boolean any = false;
    while (true) {
      int c = read();
      if (c < 0) {
        if (inQuotes) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT,
              "file " + file + " line " + rowLine + ": a quoted field is not closed");
        }
        if (!any) {
          return null;
        }
        fields.add(quoted || sb.length() > 0 ? sb.toString() : null);
        return fields;
      }
      any = true;
      if (inQuotes) {
        if (c == '"') {
          int n = read();
          if (n == '"') {
            sb.append('"');
          } else {
            inQuotes = false;
            pushed = n;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          sb.append((char) c);
        }
      } else if (c == delimiter) {
        fields.add(quoted || sb.length() > 0 ? sb.toString() : null);
        sb.setLength(0);
        quoted = false;
      } else if (c == '\n') {
        line++;
        fields.add(quoted || sb.length() > 0 ? sb.toString() : null);
        return fields;
      } else if (c == '\r') {
        // CRLF: the \n ends the record
      } else if (c == '"' && sb.length() == 0 && !quoted) {
        inQuotes = true;
        quoted = true;
      } else {
        sb.append((char) c);
      }
    }
  }

  private int read() throws IOException {
    if (pushed != -2) {
      int c = pushed;
      pushed = -2;
      return c;
    }
    return in.read();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Counts the bytes read, for the progress bar. */
  private static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}

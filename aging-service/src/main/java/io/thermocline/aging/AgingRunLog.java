package io.thermocline.aging;

import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.WritableFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run history on disk: one tab-separated line per run appended to {@code runs.tsv}, rewritten
 * atomically with the newest runs when it holds twice the history's capacity. Best effort: the
 * history is a report, not data, so lines are not fsynced and a torn last line is skipped on load;
 * a write failure is remembered ({@link #lastFailure}), never thrown into a run. Not thread-safe:
 * {@link AgingRuns} calls it under its monitor.
 */
final class AgingRunLog {
  private final FileIO io;
  private final String path;
  private final int capacity;
  private int lines;
  private volatile String lastFailure;

  AgingRunLog(FileIO io, String directory, int capacity) {
    this.io = io;
    this.path = io.resolve(directory, "runs.tsv");
    this.capacity = capacity;
    try {
      io.mkdirs(directory);
    } catch (IOException e) {
      lastFailure = "cannot create " + directory + ": " + e.getMessage();
    }
  }

  /** The newest {@code capacity} runs stored, oldest first (empty when there is no file). */
  List<AgingRun> load() {
    List<AgingRun> out = new ArrayList<>();
    try {
      if (!io.exists(path)) {
        return out;
      }
      String text = new String(io.readAll(path), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        AgingRun r = parse(line);
        if (r != null) {
          out.add(r);
        }
      }
    } catch (IOException e) {
      lastFailure = "cannot read " + path + ": " + e.getMessage();
    }
    lines = out.size();
    return out.size() > capacity ? out.subList(out.size() - capacity, out.size()) : out;
  }

  void append(AgingRun run, java.util.Collection<AgingRun> newest) {
    try {
      if (lines >= 2 * capacity) {
        StringBuilder all = new StringBuilder();
        for (AgingRun r : newest) {
          all.append(format(r));
        }
        io.writeAtomically(path, all.toString().getBytes(StandardCharsets.UTF_8));
        lines = newest.size();
        return;
      }
      byte[] b = format(run).getBytes(StandardCharsets.UTF_8);
      // FileIO.append needs an existing file.
      try (WritableFile out = io.exists(path) ? io.append(path) : io.create(path)) {
        out.write(b, 0, b.length);
      }
      lines++;
    } catch (IOException e) {
      lastFailure = "cannot write " + path + ": " + e.getMessage();
    }
  }

  String lastFailure() {
    return lastFailure;
  }

  private static String format(AgingRun r) {
    return r.id()
        + "\t"
        + escape(r.table())
        + "\t"
        + r.trigger()
        + "\t"
        + r.start()
        + "\t"
        + r.end()
        + "\t"
        + r.rowsFlagged()
        + "\t"
        + r.rowsToCold()
        + "\t"
        + r.rowsToHot()
        + "\t"
        + r.status()
        + "\t"
        + (r.error() == null ? "" : escape(r.error()))
        + "\n";
  }

  /** A run from its line, or null for a torn or foreign line. */
  private static AgingRun parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 10) {
      return null;
    }
    try {
      return new AgingRun(
          Long.parseLong(f[0]),
          unescape(f[1]),
          AgingRun.Trigger.valueOf(f[2]),
          Instant.parse(f[3]),
          Instant.parse(f[4]),
          Long.parseLong(f[5]),
          Long.parseLong(f[6]),
          Long.parseLong(f[7]),
          AgingRun.Status.valueOf(f[8]),
          f[9].isEmpty() ? null : unescape(f[9]));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

package io.thermocline.admincli.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}) at most ten times a second, in
 * bytes or rows. Silent when disabled (with --json, so output stays machine-readable on stdout and
 * stderr stays clean for scripts). Single-threaded.
 */
public final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final boolean bytes;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  public ProgressBar(PrintWriter err, String label, boolean bytes, boolean enabled) {
    this.err = err;
    this.label = label;
    this.bytes = bytes;
    this.enabled = enabled;
  }

  public void update(long done, long total) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < 100_000_000L && done < total) {
      return;
    }
    lastDraw = now;
    drawn = true;
    StringBuilder sb = new StringBuilder("\r").append(label).append(" [");
    double f = total > 0 ? Math.min(1.0, (double) done / total) : 0;
    int full = (int) Math.round(f * WIDTH);
    sb.append("#".repeat(full)).append(".".repeat(WIDTH - full)).append("] ");
    sb.append(String.format(Locale.ROOT, "%3.0f%% ", f * 100));
    sb.append(amount(done)).append(" / ").append(total > 0 ? amount(total) : "?");
    err.print(sb);
    err.flush();
  }

  /** Ends the bar's line. */
  public void finish() {
    if (enabled && drawn) {
      err.println();
      err.flush();
    }
  }

  private String amount(long n) {
    if (!bytes) {
      return n + " rows";
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
  }
}

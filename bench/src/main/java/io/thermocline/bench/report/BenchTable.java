package io.thermocline.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bench result table: one line per measurement with Thermocline's figure, the peer's, and the
 * ratio Thermocline/peer, printed as Markdown so it pastes into notes as is. Single-threaded.
 */
public final class BenchTable {
  private final String title;
  private final String peer;
  private final List<String[]> lines = new ArrayList<>();

  public BenchTable(String title, String peer) {
    this.title = title;
    this.peer = peer;
  }

  /** Adds a measurement; {@code better} says which direction wins (for the verdict column). */
  public void add(
      String what, String unit, double thermo, double other, Better better, double target) {
    double ratio = thermo / other;
    String verdict =
        Double.isNaN(target)
            ? ""
            : (better == Better.HIGHER ? ratio >= target : ratio <= target)
                ? "meets " + (better == Better.HIGHER ? ">= " : "<= ") + fmt(target) + "x"
                : "MISSES " + (better == Better.HIGHER ? ">= " : "<= ") + fmt(target) + "x";
    lines.add(new String[] {what, unit, fmt(thermo), fmt(other), fmt(ratio), verdict});
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(title).append("\n\n");
    sb.append("| measure | unit | Thermocline | ")
        .append(peer)
        .append(" | ratio T/")
        .append(peer)
        .append(" | target |\n");
    sb.append("|---|---|---:|---:|---:|---|\n");
    for (String[] l : lines) {
      sb.append("| ").append(String.join(" | ", l)).append(" |\n");
    }
    return sb.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Which direction of a measurement is good. */
  public enum Better {
    HIGHER,
    LOWER
  }
}

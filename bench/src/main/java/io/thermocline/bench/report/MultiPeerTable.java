package io.thermocline.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A bench result table with several systems side by side: text columns naming the measurement, one
 * number column per system, then ratio columns (one system's figure over another's), printed as
 * Markdown like {@link BenchTable}. A missing figure is NaN and prints as {@code -}, and so does
 * any ratio that uses it. Footnotes follow the table. Single-threaded.
 */
public final class MultiPeerTable {
  private final String title;
  private final List<String> labelHeaders;
  private final List<String> valueHeaders;
  private final List<String> ratioHeaders = new ArrayList<>();
  private final List<int[]> ratios = new ArrayList<>();
  private final List<String[]> labels = new ArrayList<>();
  private final List<double[]> values = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public MultiPeerTable(String title, List<String> labelHeaders, List<String> valueHeaders) {
    this.title = title;
    this.labelHeaders = List.copyOf(labelHeaders);
    this.valueHeaders = List.copyOf(valueHeaders);
  }

  /** Adds a column {@code value[numerator] / value[denominator]} headed {@code header}. */
  public MultiPeerTable ratio(String header, int numerator, int denominator) {
    if (numerator >= valueHeaders.size() || denominator >= valueHeaders.size()) {
      throw new IllegalArgumentException("ratio of columns " + numerator + "/" + denominator);
    }
    ratioHeaders.add(header);
    ratios.add(new int[] {numerator, denominator});
    return this;
  }

  /** Adds a line; {@code figures} in the order of the value headers, NaN where there is none. */
  public void add(List<String> lineLabels, double... figures) {
    if (lineLabels.size() != labelHeaders.size() || figures.length != valueHeaders.size()) {
      throw new IllegalArgumentException(
          lineLabels.size() + " labels and " + figures.length + " figures for this table");
    }
    labels.add(lineLabels.toArray(new String[0]));
    values.add(figures.clone());
  }

  public void note(String text) {
    notes.add(text);
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("### ").append(title).append("\n\n|");
    List<String> headers = new ArrayList<>(labelHeaders);
    headers.addAll(valueHeaders);
    headers.addAll(ratioHeaders);
    for (String h : headers) {
      sb.append(' ').append(h).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < headers.size(); i++) {
      sb.append(i < labelHeaders.size() ? "---|" : "---:|");
    }
    sb.append('\n');
    for (int line = 0; line < labels.size(); line++) {
      double[] v = values.get(line);
      sb.append('|');
      for (String l : labels.get(line)) {
        sb.append(' ').append(l).append(" |");
      }
      for (double d : v) {
        sb.append(' ').append(BenchTable.fmt(d)).append(" |");
      }
      for (int[] r : ratios) {
        sb.append(' ').append(BenchTable.fmt(v[r[0]] / v[r[1]])).append(" |");
      }
      sb.append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) {
        sb.append("- ").append(n).append('\n');
      }
    }
    return sb.toString();
  }
}

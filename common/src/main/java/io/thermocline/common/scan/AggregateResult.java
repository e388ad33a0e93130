package io.thermocline.common.scan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouped partial aggregates: one {@link AggregatePartial} per group and call. Each tier fills one;
 * the engine merges them (the union plan of DESIGN.md section 3) and reads final values. Group keys
 * are lists of storage values (NULL is its own group, as in SQL). Single-threaded.
 */
public final class AggregateResult {
  private final AggregateSpec spec;
  private final Map<List<Object>, AggregatePartial[]> groups = new LinkedHashMap<>();

  public AggregateResult(AggregateSpec spec) {
    this.spec = spec;
  }

  public AggregateSpec spec() {
    return spec;
  }

  /** The partials of a group, created empty on first use. */
  public AggregatePartial[] group(List<Object> key) {
    return groups.computeIfAbsent(
        key,
        k -> {
          AggregatePartial[] p = new AggregatePartial[spec.calls().size()];
          for (int i = 0; i < p.length; i++) {
            p[i] = new AggregatePartial();
          }
          return p;
        });
  }

  public void merge(AggregateResult other) {
    for (Map.Entry<List<Object>, AggregatePartial[]> e : other.groups.entrySet()) {
      AggregatePartial[] mine = group(e.getKey());
      for (int i = 0; i < mine.length; i++) {
        mine[i].merge(e.getValue()[i]);
      }
    }
  }

  public int groupCount() {
    return groups.size();
  }

  /**
   * Final rows: the group key values followed by one value per call. Without GROUP BY there is
   * exactly one row, even over no input (COUNT 0, other aggregates NULL), as SQL requires.
   */
  public List<Object[]> rows() {
    if (spec.groupBy().isEmpty() && groups.isEmpty()) {
      group(List.of());
    }
    List<Object[]> out = new ArrayList<>(groups.size());
    int k = spec.groupBy().size();
    for (Map.Entry<List<Object>, AggregatePartial[]> e : groups.entrySet()) {
      Object[] row = Arrays.copyOf(e.getKey().toArray(), k + spec.calls().size());
      for (int i = 0; i < spec.calls().size(); i++) {
        row[k + i] = e.getValue()[i].result(spec.calls().get(i).function());
      }
      out.add(row);
    }
    return out;
  }
}

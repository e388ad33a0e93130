package io.thermocline.engine.catalog;

import java.util.List;

/**
 * The series clause of a table ({@code SERIES (SERIES KEY (..) PERIOD FOR SERIES (ts) EQUIDISTANT
 * INCREMENT BY ..)}), kept in the catalog; series storage itself comes with the time-series issue.
 * {@code incrementMicros} is 0 for a non-equidistant series. Immutable.
 */
public record SeriesSpec(
    List<String> seriesKey, String periodColumn, long incrementMicros, boolean missingAllowed) {
  public SeriesSpec {
    seriesKey = List.copyOf(seriesKey);
  }
}

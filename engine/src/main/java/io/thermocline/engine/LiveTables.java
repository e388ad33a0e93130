package io.thermocline.engine;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.table.HybridTable;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table objects of an open database by name. Concurrency: copy-on-write root; readers take the
 * current map without a lock, and only DDL (one at a time, under the exclusive commit) replaces it.
 */
final class LiveTables {
  private volatile Map<String, HybridTable> byName;

  LiveTables(Map<String, HybridTable> loaded) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(loaded));
  }

  /** The table named exactly {@code name}, or null. */
  HybridTable get(String name) {
    return byName.get(name);
  }

  /** The table named {@code name} exactly, else the one whose name matches ignoring case. */
  HybridTable find(String name) {
    Map<String, HybridTable> m = byName;
    HybridTable t = m.get(name);
    if (t != null) {
      return t;
    }
    HybridTable match = null;
    String upper = name.toUpperCase(Locale.ROOT);
    for (HybridTable c : m.values()) {
      if (c.name().toUpperCase(Locale.ROOT).equals(upper)) {
        if (match != null) {
          return null; // ambiguous: only the exact name selects one
        }
        match = c;
      }
    }
    return match;
  }

  /** {@link #find}, failing with {@link ErrorCode#UNKNOWN_TABLE} naming the tables there are. */
  HybridTable lookup(String name) {
    HybridTable t = find(name);
    if (t == null) {
      throw new ThermoException(
          ErrorCode.UNKNOWN_TABLE,
          "unknown table " + name + "; the database has " + byName.keySet());
    }
    return t;
  }

  /** The tables now, sorted by name (an unmodifiable view of one root). */
  Collection<HybridTable> all() {
    return byName.values();
  }

  /** Adds or replaces {@code table} under its name (DDL only). */
  void put(HybridTable table) {
    Map<String, HybridTable> next = new TreeMap<>(byName);
    next.put(table.name(), table);
    byName = Collections.unmodifiableMap(next);
  }

  /** Removes the table named {@code name} (DDL only). */
  void remove(String name) {
    Map<String, HybridTable> next = new TreeMap<>(byName);
    next.remove(name);
    byName = Collections.unmodifiableMap(next);
  }
}

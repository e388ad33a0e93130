package io.thermocline.engine.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Durable key/value storage for the catalog (string keys, byte values). {@link #write} applies all
 * its puts and deletes atomically: a catalog change is one write. Implementations are thread-safe.
 */
public interface CatalogStore {
  /** The value of {@code key}, or null. */
  byte[] get(String key);

  /** Every entry whose key starts with {@code prefix}, sorted by key. */
  SortedMap<String, byte[]> list(String prefix);

  /** Puts and deletes as one atomic, durable change. */
  void write(Map<String, byte[]> puts, Collection<String> deletes);
}

package io.thermocline.coldstore.parquet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A bounded LRU of verified footers by file id. Cold files are immutable, so a footer verified once
 * stays valid until the file is deleted ({@link #evict}). Thread-safe (one lock; loading happens
 * outside it, so two threads may verify the same footer once each).
 */
public final class FooterCache {
  private final int capacity;
  private final LinkedHashMap<Long, VerifiedFooter> entries;

  public FooterCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  public VerifiedFooter get(long fileId, Supplier<VerifiedFooter> loader) {
    synchronized (entries) {
      VerifiedFooter f = entries.get(fileId);
      if (f != null) {
        return f;
      }
    }
    VerifiedFooter loaded = loader.get();
    synchronized (entries) {
      entries.put(fileId, loaded);
      if (entries.size() > capacity) {
        Map.Entry<Long, VerifiedFooter> eldest = entries.entrySet().iterator().next();
        entries.remove(eldest.getKey());
      }
    }
    return loaded;
  }

  public void evict(long fileId) {
    synchronized (entries) {
      entries.remove(fileId);
    }
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}

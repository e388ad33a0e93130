package io.thermocline.engine.catalog;

import io.thermocline.coldstore.ColdCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The catalog kept in the cold store's {@code catalog} column family (one RocksDB, so a catalog
 * change is one {@code WriteBatch} and survives with the cold tier). Keys are UTF-8. Thread-safe
 * (as {@link ColdCatalog} is).
 */
public final class ColdCatalogStore implements CatalogStore {
  private final ColdCatalog catalog;

  public ColdCatalogStore(ColdCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public byte[] get(String key) {
    return catalog.get(bytes(key));
  }

  @Override
  public SortedMap<String, byte[]> list(String prefix) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<byte[], byte[]> e : catalog.scanPrefix(bytes(prefix))) {
      out.put(new String(e.getKey(), StandardCharsets.UTF_8), e.getValue());
    }
    return out;
  }

  @Override
  public void write(Map<String, byte[]> puts, Collection<String> deletes) {
    Map<ColdCatalog.Key, byte[]> p = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : puts.entrySet()) {
      p.put(new ColdCatalog.Key(bytes(e.getKey())), e.getValue());
    }
    List<byte[]> d = new ArrayList<>();
    for (String k : deletes) {
      d.add(bytes(k));
    }
    catalog.write(p, d);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

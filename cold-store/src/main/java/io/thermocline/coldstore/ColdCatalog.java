package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The {@code catalog} column family, owned by the engine: opaque keys and values, in RocksDB's byte
 * order. Each call is atomic and durable as every cold-tier change; {@link #write} applies several
 * puts and deletes as one batch. Thread-safe.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
public final class ColdCatalog {
  private final MetaStore meta;
  private final Lifecycle lifecycle;

  ColdCatalog(MetaStore meta, Lifecycle lifecycle) {
    this.meta = meta;
    this.lifecycle = lifecycle;
  }

  public byte[] get(byte[] key) {
    try (Lifecycle.Lease lease = lifecycle.enter()) {
      return meta.get(meta.catalog(), key);
    }
  }

  public void put(byte[] key, byte[] value) {
    write(Map.of(new Key(key), value), List.of());
  }

  public void delete(byte[] key) {
    write(Map.of(), List.of(key));
  }

  /** Every entry whose key starts with {@code prefix}, in key order. */
  public List<Map.Entry<byte[], byte[]>> scanPrefix(byte[] prefix) {
    try (Lifecycle.Lease lease = lifecycle.enter();
        MetaView view = meta.latest()) {
      List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
      view.scan(
          meta.catalog(),
          prefix,
          (k, v) -> {
            out.add(new AbstractMap.SimpleImmutableEntry<>(k, v));
            return true;
          });
      return out;
    }
  }

  /** Puts and deletes as one atomic batch (deletes are applied after puts). */
  public void write(Map<Key, byte[]> puts, Collection<byte[]> deletes) {
    try (Lifecycle.Lease lease = lifecycle.enter();
        WriteBatch batch = new WriteBatch()) {
      for (Map.Entry<Key, byte[]> e : puts.entrySet()) {
        batch.put(meta.catalog(), e.getKey().bytes(), e.getValue());
      }
      for (byte[] k : deletes) {
        batch.delete(meta.catalog(), k);
      }
      meta.commit(batch, "catalog update");
    } catch (RocksDBException e) {
      throw new ThermoException(ErrorCode.COLD_TIER_UNAVAILABLE, "catalog update failed: " + e, e);
    }
  }

  /** A catalog key usable in maps (byte arrays compare by identity). */
  public record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return HexFormat.of().formatHex(bytes);
    }
  }
}

package io.thermocline.coldstore;

import io.thermocline.coldstore.fs.ColdFileSystems;
import io.thermocline.coldstore.fs.HadoopFileIO;
import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.meta.TableRecord;
import io.thermocline.coldstore.parquet.FooterCache;
import io.thermocline.coldstore.parquet.WriterSettings;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The cold tier of one Thermocline data directory: Parquet files under a root on any Hadoop file
 * system plus one RocksDB instance on the local data directory (manifest, cold delta, tombstones,
 * catalog). Owns both and closes both ({@link #close} is idempotent and waits for running calls).
 * On open it deletes files under the root that no manifest entry references (temporary files of
 * interrupted writes, files of failed commits, retired files whose deletion was cut short).
 *
 * <p>Thread-safe. Tables are created once and cached; each {@link ColdTable} has a single writer at
 * a time (its writes are serialized by a lock) and any number of concurrent snapshot readers.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
public final class ColdStore implements AutoCloseable {
  private final ColdStoreOptions options;
  private final MetaStore meta;
  private final FileSystem fs;
  private final boolean ownsFs;
  private final Path root;
  private final Configuration conf;
  private final WriterSettings writerSettings;
  private final FooterCache footers;
  private final AtomicLong ids;
  private final Lifecycle lifecycle = new Lifecycle("cold store");
  private final Map<String, ColdTable> tables = new ConcurrentHashMap<>();
  private final ColdCatalog catalog;

  private ColdStore(
      ColdStoreOptions options, MetaStore meta, FileSystem fs, boolean ownsFs, Path root) {
    this.options = options;
    this.meta = meta;
    this.fs = fs;
    this.ownsFs = ownsFs;
    this.root = root;
    Config c = options.config();
    this.conf = new Configuration(options.hadoopConf());
    conf.setInt("parquet.compression.codec.zstd.level", c.get(ColdSettings.ZSTD_LEVEL));
    this.writerSettings =
        new WriterSettings(
            c.get(ColdSettings.ZSTD_LEVEL),
            c.get(ColdSettings.ROW_GROUP_BYTES),
            c.get(ColdSettings.ROW_GROUP_ROWS),
            c.get(ColdSettings.PAGE_BYTES),
            c.get(ColdSettings.PAGE_ROWS),
            null,
            true);
    this.footers = new FooterCache(Math.max(1, c.get(ColdSettings.FOOTER_CACHE_FILES)));
    this.ids = new AtomicLong(1);
    this.catalog = new ColdCatalog(meta, lifecycle);
  }

  public static ColdStore open(java.nio.file.Path localDir, Config config) {
    return open(ColdStoreOptions.of(localDir).withConfig(config));
  }

  public static ColdStore open(java.nio.file.Path localDir, URI root, Config config) {
    return open(ColdStoreOptions.of(localDir).withConfig(config).withRoot(root));
  }

  public static ColdStore open(ColdStoreOptions options) {
    URI rootUri = options.root();
    FileSystem fs = options.fileSystem();
    boolean owns = fs == null;
    MetaStore meta = null;
    try {
      if (owns) {
        fs = ColdFileSystems.open(rootUri, options.hadoopConf());
      }
      Path root = fs.makeQualified(withoutTrailingSlash(rootUri));
      if (!fs.mkdirs(root)) {
        throw new IOException("cannot create the cold root " + root);
      }
      meta =
          MetaStore.open(
              options.localDir().resolve("cold-meta"),
              options.config().get(ColdSettings.SYNC_METADATA),
              options.commitHook());
      ColdStore store = new ColdStore(options, meta, fs, owns, root);
      store.recover();
      return store;
    } catch (IOException | RuntimeException e) {
      if (meta != null) {
        meta.close();
      }
      if (owns && fs != null) {
        try {
          fs.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof ThermoException t) {
        throw t;
      }
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "cannot open the cold tier at " + rootUri + ": " + e.getMessage(),
          e);
    }
  }

  /** The root as a Hadoop path; {@code file:///x/cold/} and {@code file:///x/cold} are one root. */
  private static Path withoutTrailingSlash(URI uri) {
    String path = uri.getPath();
    if (path != null && path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Path(uri.getScheme(), uri.getAuthority(), path);
  }

  /** Loads tables, sets the id sequence past every id in use, and deletes orphan files. */
  private void recover() throws IOException {
    List<TableRecord> records = new ArrayList<>();
    long maxId = 0;
    try (MetaView view = meta.latest()) {
      view.scan(
          meta.manifest(),
          MetaCodec.tablePrefix(),
          (k, v) -> records.add(MetaCodec.decodeTable(k, v)));
      for (TableRecord r : records) {
        List<FileEntry> files = new ArrayList<>();
        view.scan(
            meta.manifest(),
            MetaCodec.filePrefix(r.tableId()),
            (k, v) -> files.add(MetaCodec.decodeFile(k, v)));
        for (FileEntry f : files) {
          maxId = Math.max(maxId, f.fileId());
        }
        byte[] lastDelta = view.lastKey(meta.delta(), MetaCodec.deltaPrefix(r.tableId()));
        if (lastDelta != null) {
          maxId = Math.max(maxId, MetaCodec.deltaRowId(lastDelta));
        }
        ColdTable t = new ColdTable(this, r);
        tables.put(r.name(), t);
        maxId = Math.max(maxId, t.deleteOrphans(files));
      }
    }
    ids.set(maxId + 1);
  }

  /** The table, registering it (or appending new nullable columns to it) when needed. */
  public ColdTable table(String name, Schema schema) {
    return table(name, schema, ColdPartitioning.NONE);
  }

  public ColdTable table(String name, Schema schema, ColdPartitioning partitioning) {
    try (Lifecycle.Lease lease = lifecycle.enter()) {
      synchronized (tables) {
        ColdTable existing = tables.get(name);
        if (existing != null) {
          existing.evolve(schema, partitioning);
          return existing;
        }
        partitioning.check(schema, name);
        int id = 1;
        for (ColdTable t : tables.values()) {
          id = Math.max(id, t.tableId() + 1);
        }
        TableRecord r = new TableRecord(name, id, schema, partitioning.name(), 0);
        try (WriteBatch batch = new WriteBatch()) {
          batch.put(meta.manifest(), MetaCodec.tableKey(name), MetaCodec.encodeTable(r));
          meta.commit(batch, "registering cold table " + name);
        } catch (RocksDBException e) {
          throw new ThermoException(ErrorCode.COLD_TIER_UNAVAILABLE, "cannot register " + name, e);
        }
        ColdTable t = new ColdTable(this, r);
        tables.put(name, t);
        return t;
      }
    }
  }

  /** An existing table, or an {@code UNKNOWN_TABLE} error. */
  public ColdTable table(String name) {
    ColdTable t = tables.get(name);
    if (t == null) {
      throw new ThermoException(
          ErrorCode.UNKNOWN_TABLE, "no cold table " + name + "; the cold tier has " + tableNames());
    }
    return t;
  }

  public List<String> tableNames() {
    List<String> names = new ArrayList<>(tables.keySet());
    names.sort(null);
    return names;
  }

  /** Removes a table: its manifest, delta and tombstones in one batch, then its files. */
  public void dropTable(String name) {
    try (Lifecycle.Lease lease = lifecycle.enter()) {
      synchronized (tables) {
        table(name).drop();
        tables.remove(name);
      }
    }
  }

  /** The key/value family the engine keeps its catalog in. */
  public ColdCatalog catalog() {
    return catalog;
  }

  /** The Hadoop file system of the root (owned by the store unless handed in). */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The same file system as a {@code FileIO}, e.g. for backups next to the cold files. */
  public HadoopFileIO fileIO() {
    return new HadoopFileIO(fs);
  }

  public URI root() {
    return root.toUri();
  }

  MetaStore meta() {
    return meta;
  }

  Path rootPath() {
    return root;
  }

  Configuration conf() {
    return conf;
  }

  WriterSettings writerSettings() {
    return writerSettings;
  }

  FooterCache footers() {
    return footers;
  }

  Config config() {
    return options.config();
  }

  Lifecycle lifecycle() {
    return lifecycle;
  }

  long nextId() {
    return ids.getAndIncrement();
  }

  @Override
  public void close() {
    lifecycle.closeWith(
        () -> {
          for (ColdTable t : tables.values()) {
            t.closeCursors();
          }
          meta.close();
          footers.clear();
          if (ownsFs) {
            try {
              fs.close();
            } catch (IOException e) {
              throw new ThermoException(
                  ErrorCode.IO_ERROR, "closing the cold file system failed: " + e.getMessage(), e);
            }
          }
        });
  }
}

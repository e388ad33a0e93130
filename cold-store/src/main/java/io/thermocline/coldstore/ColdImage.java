package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.coldstore.meta.TableRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of the cold tier's metadata (RocksDB checkpoint) and the list of Parquet files its
 * manifest references: what a backup copies. The caller takes the checkpoint at a moment no commit
 * is in progress (the engine holds its commit lock), so the copy is the cold tier at one commit id;
 * listing the files reads the copy, not the live store, so it matches the copy exactly. Stateless.
 */
public final class ColdImage {

  /** One cold file the image references: path relative to the cold root, size and commit ids. */
  public record ImageFile(
      String table, String path, long sizeBytes, long createCid, long retireCid) {
    /** Whether a snapshot at or after {@code cid} can see the file. */
    public boolean neededFrom(long cid) {
      return retireCid > cid;
    }
  }

  /** Pinned files of an image; closing unpins them (once). */
  public interface Pins extends AutoCloseable {
    @Override
    void close();
  }

  /** A table's compaction horizon in the image: no snapshot older than it can be read. */
  public record ImageTable(String name, long horizon) {}

  /** What {@link #list} found. */
  public record Listing(List<ImageTable> tables, List<ImageFile> files) {}

  private ColdImage() {}

  /**
   * Writes the metadata copy into {@code target} (must not exist; same disk for hard links) and
   * pins every file the live manifest lists, so compaction deletes none of them until the returned
   * handle is closed. Each table's writer lock is held meanwhile, so no compaction commits between
   * the listing and the copy: every file the copy references is pinned.
   */
  public static Pins checkpoint(ColdStore store, Path target) {
    List<ColdTable> tables = new ArrayList<>();
    for (String name : store.tableNames()) {
      tables.add(store.table(name));
    }
    tables.sort(java.util.Comparator.comparingInt(ColdTable::tableId));
    List<ColdTable.Locked> locks = new ArrayList<>();
    List<long[]> pinned = new ArrayList<>();
    Runnable unpin =
        () -> {
          for (int i = 0; i < tables.size() && i < pinned.size(); i++) {
            synchronized (tables.get(i).pins()) {
              for (long id : pinned.get(i)) {
                tables.get(i).pins().unpin(id);
              }
            }
          }
        };
    try {
      for (ColdTable t : tables) {
        locks.add(t.lock());
      }
      try (MetaView view = store.meta().view()) {
        for (ColdTable t : tables) {
          synchronized (t.pins()) {
            List<FileEntry> files = t.files(view);
            long[] ids = new long[files.size()];
            for (int i = 0; i < ids.length; i++) {
              ids[i] = files.get(i).fileId();
              t.pins().pin(ids[i]);
            }
            pinned.add(ids);
          }
        }
      }
      store.meta().checkpoint(target);
    } catch (RuntimeException | Error e) {
      unpin.run();
      throw e;
    } finally {
      for (int i = locks.size() - 1; i >= 0; i--) {
        locks.get(i).close();
      }
    }
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        unpin.run();
      }
    };
  }

  /** The tables and files of a metadata copy written by {@link #checkpoint}. */
  public static Listing list(Path metadataCopy) {
    List<ImageTable> tables = new ArrayList<>();
    List<ImageFile> files = new ArrayList<>();
    try (MetaStore copy = MetaStore.open(metadataCopy, false, null);
        MetaView view = copy.view()) {
      List<TableRecord> records = new ArrayList<>();
      view.scan(
          copy.manifest(),
          MetaCodec.tablePrefix(),
          (k, v) -> records.add(MetaCodec.decodeTable(k, v)));
      for (TableRecord r : records) {
        tables.add(new ImageTable(r.name(), r.horizon()));
        view.scan(
            copy.manifest(),
            MetaCodec.filePrefix(r.tableId()),
            (k, v) -> {
              FileEntry f = MetaCodec.decodeFile(k, v);
              files.add(
                  new ImageFile(r.name(), f.path(), f.sizeBytes(), f.createCid(), f.retireCid()));
              return true;
            });
      }
    }
    return new Listing(tables, files);
  }
}

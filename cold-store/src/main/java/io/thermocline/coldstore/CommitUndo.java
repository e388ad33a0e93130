package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.FileEntry;
import io.thermocline.coldstore.meta.MetaCodec;
import io.thermocline.coldstore.meta.MetaCodec.DeltaRow;
import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.coldstore.meta.MetaView;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Undoes everything commit {@code cid} did to one table, for a commit the engine never published (a
 * transaction or move that failed half-way): files it created are unregistered and deleted,
 * tombstones it wrote are removed (wherever compaction moved them), delta rows it inserted are
 * deleted and delta rows it ended are live again, files it retired are live again. All metadata
 * changes are one batch; files are deleted after it commits (a survivor is an orphan, swept at the
 * next open). Runs under the table's write lock.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
final class CommitUndo {
  private final ColdTable table;

  CommitUndo(ColdTable table) {
    this.table = table;
  }

  long undo(long cid) {
    ColdStore store = table.store();
    MetaStore meta = store.meta();
    List<FileEntry> created = new ArrayList<>();
    long changed = 0;
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        ColdTable.Locked locked = table.lock();
        MetaView view = meta.view();
        WriteBatch batch = new WriteBatch()) {
      for (FileEntry f : table.files(view)) {
        byte[] prefix = MetaCodec.tombstonePrefix(f.fileId());
        if (f.createCid() == cid) {
          batch.delete(meta.manifest(), MetaCodec.fileKey(f));
          batch.deleteRange(meta.tombstones(), prefix, TableFiles.prefixEnd(prefix));
          created.add(f);
          changed += f.rowCount();
          continue;
        }
        if (f.retireCid() == cid) {
          FileEntry live = f.retiredAt(FileEntry.LIVE);
          batch.put(meta.manifest(), MetaCodec.fileKey(live), MetaCodec.encodeFile(live));
          changed++;
        }
        List<byte[]> ours = new ArrayList<>();
        view.scan(
            meta.tombstones(),
            prefix,
            (k, v) -> {
              if (MetaCodec.decodeTombstone(v) == cid) {
                ours.add(k);
              }
              return true;
            });
        for (byte[] k : ours) {
          batch.delete(meta.tombstones(), k);
        }
        changed += ours.size();
      }
      List<byte[][]> delta = new ArrayList<>();
      view.scan(
          meta.delta(),
          MetaCodec.deltaPrefix(table.tableId()),
          (k, v) -> {
            DeltaRow d = MetaCodec.decodeDeltaRow(MetaCodec.deltaRowId(k), v, table.schema());
            if (d.createCid() == cid) {
              delta.add(new byte[][] {k, null});
            } else if (d.endCid() == cid) {
              delta.add(new byte[][] {k, MetaCodec.withDeltaEnd(v, FileEntry.LIVE)});
            }
            return true;
          });
      for (byte[][] d : delta) {
        if (d[1] == null) {
          batch.delete(meta.delta(), d[0]);
        } else {
          batch.put(meta.delta(), d[0], d[1]);
        }
      }
      changed += delta.size();
      if (changed > 0) {
        meta.commit(batch, "undo of commit " + cid + " on cold table " + table.name());
      }
    } catch (RocksDBException e) {
      throw new ThermoException(
          ErrorCode.COLD_TIER_UNAVAILABLE,
          "undo of commit " + cid + " on cold table " + table.name() + " failed: " + e,
          e);
    }
    for (FileEntry f : created) {
      store.footers().evict(f.fileId());
      TableFiles.deleteQuietly(store.fileSystem(), new Path(store.rootPath(), f.path()));
    }
    return changed;
  }
}

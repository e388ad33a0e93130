package io.thermocline.engine.durability;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.recovery.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the row sections ({@code hot/<table>/<part>}) of a {@link HotCheckpoint}: the caller's
 * thread scans the hot rows and writes finished chunks in scan order while a small pool encodes the
 * batches into {@link ColumnChunkCodec} chunks. The bytes are the same as a one-thread encoding:
 * chunks are written in the order their batches were scanned, and part boundaries are decided on
 * the scanning thread from row counts alone.
 *
 * <p>Why not more: scanning the hot partition (unpacking its ids) is most of the work and is one
 * cursor, so the pool takes the encoding off that thread; at most {@code 2 * threads + 2} chunks
 * are in flight (a few MB), so memory stays bounded whatever the table size.
 *
 * <p>Concurrency: one instance per checkpoint write, used by the thread writing the file; its pool
 * threads only encode and end with {@link #close}.
 */
final class HotCheckpointEncoder implements AutoCloseable {
  private final long partRows;
  private final int inFlight;
  private final ExecutorService pool;
  private final ConcurrentLinkedQueue<ColumnChunkCodec.Out> free = new ConcurrentLinkedQueue<>();
  private long rows;

  /**
   * @param partRows rows per section part (at most; a part ends at a batch boundary)
   * @param threads encoding threads; 0 encodes on the caller's thread
   */
  HotCheckpointEncoder(long partRows, int threads) {
    this.partRows = partRows;
    this.inFlight = 2 * threads + 2;
    this.pool =
        threads <= 0
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "thermo-checkpoint-encode");
                  t.setDaemon(true);
                  return t;
                });
  }

  /**
   * Encoding threads for this machine: the cores but the scanning one, at most 4 (beyond that the
   * single scan is the bound). 0 on one core.
   */
  static int defaultThreads() {
    return Math.min(4, Runtime.getRuntime().availableProcessors() - 1);
  }

  /** Rows written so far. */
  long rows() {
    return rows;
  }

  /**
   * Writes the sections of {@code tables}, their rows visible at {@code cid}; returns each table's
   * part count (what the meta section records).
   */
  int[] write(CheckpointWriter w, List<HybridTable> tables, long cid) throws IOException {
    int[] parts = new int[tables.size()];
    for (int i = 0; i < tables.size(); i++) {
      parts[i] = writeTable(w, i, tables.get(i), cid);
    }
    return parts;
  }

  private int writeTable(CheckpointWriter w, int table, HybridTable t, long cid)
      throws IOException {
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    Section section = new Section(w, table);
    long inPart = 0;
    try (BatchCursor c = t.scanHot(ScanRequest.at(cid))) {
      for (ColumnBatch b = c.next(); b != null; b = c.next()) {
        boolean newPart = inPart >= partRows;
        if (newPart) {
          inPart = 0;
        }
        inPart += b.rowCount();
        rows += b.rowCount();
        pending.add(new Pending(newPart, encode(b)));
        while (pending.size() >= inFlight) {
          section.write(pending.poll());
        }
      }
      while (!pending.isEmpty()) {
        section.write(pending.poll());
      }
    } finally {
      for (Pending p : pending) {
        p.chunk().cancel(true);
      }
    }
    return section.end();
  }

  private Future<ColumnChunkCodec.Out> encode(ColumnBatch b) {
    if (pool == null) {
      return CompletableFuture.completedFuture(encodeChunk(b));
    }
    return pool.submit(() -> encodeChunk(b));
  }

  /** A chunk as the section stores it: {@code i32 length} then the encoded batch. */
  private ColumnChunkCodec.Out encodeChunk(ColumnBatch b) {
    ColumnChunkCodec.Out out = free.poll();
    if (out == null) {
      out = new ColumnChunkCodec.Out();
    }
    out.reset();
    out.writeInt(0); // the length, set below
    ColumnChunkCodec.encode(b, out);
    setInt(out.bytes, 0, out.length - 4);
    return out;
  }

  private record Pending(boolean newPart, Future<ColumnChunkCodec.Out> chunk) {}

  /** The open part of one table: parts after the first start when a chunk asks for it. */
  private final class Section {
    private final CheckpointWriter w;
    private final int table;
    private final byte[] end = new byte[4];
    private OutputStream out;
    private int part;

    Section(CheckpointWriter w, int table) throws IOException {
      this.w = w;
      this.table = table;
      this.out = w.openSection("hot/" + table + "/0");
    }

    void write(Pending p) throws IOException {
      ColumnChunkCodec.Out chunk = await(p.chunk());
      if (p.newPart()) {
        endPart();
        part++;
        out = w.openSection("hot/" + table + "/" + part);
      }
      out.write(chunk.bytes, 0, chunk.length);
      free.add(chunk);
    }

    /** Ends the last part; returns the part count. */
    int end() throws IOException {
      endPart();
      return part + 1;
    }

    private void endPart() throws IOException {
      out.write(end, 0, 4); // a chunk length of 0 ends a part
      out.close();
    }
  }

  private static ColumnChunkCodec.Out await(Future<ColumnChunkCodec.Out> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding a checkpoint");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new ThermoException(
          ErrorCode.INTERNAL, "encoding a checkpoint failed: " + cause, cause);
    }
  }

  private static void setInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

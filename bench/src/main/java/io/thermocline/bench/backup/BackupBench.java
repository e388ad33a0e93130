package io.thermocline.bench.backup;

import io.thermocline.bench.report.MultiPeerTable;
import io.thermocline.bench.workload.DevopsWorkload;
import io.thermocline.bench.workload.Workload;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.engine.backup.Backups;
import io.thermocline.engine.backup.RestoreOptions;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.recovery.backup.BackupManifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Full backup and restore of a data directory holding {@code rows} devops rows (half hot, half
 * cold, checkpointed) against a plain recursive copy of that directory, with and without an fsync
 * per file (a backup fsyncs every file it writes). Best of {@code runs}; the page cache is warm for
 * all of them (the copy runs once before measuring). Not thread-safe; one run at a time.
 */
public final class BackupBench {
  private final long rows;
  private final int runs;

  public BackupBench(long rows, int runs) {
    this.rows = rows;
    this.runs = Math.max(1, runs);
  }

  public String run() throws IOException {
    Path dir = Files.createTempDirectory("thermo-backup-bench");
    try {
      return measure(dir);
    } finally {
      deleteTree(dir);
    }
  }

  private String measure(Path dir) throws IOException {
    Path data = dir.resolve("data");
    MultiPeerTable table =
        new MultiPeerTable(
                String.format(
                    Locale.ROOT, "Backup and restore, %,d devops rows (half hot, half cold)", rows),
                List.of("operation"),
                List.of("MB", "seconds", "MB/s", "plain copy MB/s"))
            .ratio("vs plain copy", 2, 3);
    try (Database db = Thermocline.open(data)) {
      load(db);
      long dataBytes = size(data);
      copyTree(data, dir.resolve("warm"), false);
      deleteTree(dir.resolve("warm"));
      double copy = best(() -> timedCopy(data, dir.resolve("copy"), false));
      double copySync = best(() -> timedCopy(data, dir.resolve("copy-sync"), true));
      double copyMbs = mb(dataBytes) / copy;
      table.add(List.of("plain copy (cp -r)"), mb(dataBytes), copy, copyMbs, copyMbs);
      table.add(
          List.of("plain copy + fsync per file"),
          mb(dataBytes),
          copySync,
          mb(dataBytes) / copySync,
          copyMbs);
      String target = dir.resolve("backups").toString();
      BackupManifest[] last = new BackupManifest[1];
      double backup =
          best(
              () -> {
                long t = System.nanoTime();
                last[0] = db.backups().create(target, "bench", null);
                return (System.nanoTime() - t) / 1e9;
              });
      long backupBytes = last[0].totalBytes();
      table.add(
          List.of("full backup (online, SHA-256)"),
          mb(backupBytes),
          backup,
          mb(backupBytes) / backup,
          copyMbs);
      double restore =
          best(
              () -> {
                Path into = dir.resolve("restored");
                deleteTree(into);
                long t = System.nanoTime();
                Backups.restore(target, last[0].id(), into, RestoreOptions.defaults(), null);
                return (System.nanoTime() - t) / 1e9;
              });
      table.add(
          List.of("restore (SHA-256 checked)"),
          mb(backupBytes),
          restore,
          mb(backupBytes) / restore,
          copyMbs);
      table.note(
          String.format(
              Locale.ROOT,
              "data directory %.1f MB, backup %.1f MB (hot tier as a checkpoint of the rows, cold"
                  + " tier as files); best of %d runs; 2 copy threads",
              mb(dataBytes),
              mb(backupBytes),
              runs));
    }
    return table.render();
  }

  interface Timed {
    double seconds() throws IOException;
  }

  private double best(Timed t) throws IOException {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      best = Math.min(best, t.seconds());
    }
    return best;
  }

  private static double timedCopy(Path from, Path to, boolean sync) throws IOException {
    deleteTree(to);
    long t = System.nanoTime();
    copyTree(from, to, sync);
    double s = (System.nanoTime() - t) / 1e9;
    deleteTree(to);
    return s;
  }

  private void load(Database db) {
    Workload w = DevopsWorkload.generate(rows, 42, 4096);
    try (Session s = db.session()) {
      s.createTable(TableDefinition.hybrid("cpu", w.schema()));
      for (ColumnBatch b : w.batches()) {
        s.insertBatch("cpu", b);
      }
      long mid =
          DevopsWorkload.START_MICROS
              + (rows / DevopsWorkload.HOSTS / 2) * DevopsWorkload.TICK_MICROS;
      s.update(
          "cpu",
          io.thermocline.common.expr.Expr.lt("ts", mid),
          Map.of(TableDefinition.DEFAULT_AGING_FLAG, true));
    }
    db.moveBatch("cpu", MoveDirection.TO_COLD, (int) rows);
    db.runMaintenance();
    db.checkpoint();
  }

  private static double mb(long bytes) {
    return bytes / 1e6;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      long sum = 0;
      for (Path p : walk.toList()) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".lock")) {
          sum += Files.size(p);
        }
      }
      return sum;
    }
  }

  private static void copyTree(Path from, Path to, boolean sync) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else if (Files.isRegularFile(p)) {
          try {
            Files.copy(p, dest);
          } catch (java.nio.file.NoSuchFileException e) {
            continue; // a file the live database replaced meanwhile
          }
          if (sync) {
            try (FileChannel ch = FileChannel.open(dest, StandardOpenOption.WRITE)) {
              ch.force(false);
            }
          }
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

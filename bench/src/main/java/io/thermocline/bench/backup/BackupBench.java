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
 * per file (a backup fsyncs every file it writes). Backups are measured twice: right after the
 * database's checkpoint and after 100 more commits (a backup carries the checkpoint and the log
 * since); the restore is followed by opening the restored directory, which replays that log. Median
 * of {@code runs}; the page cache is warm for all of them (the copy runs once before measuring).
 * Not thread-safe; one run at a time.
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
                List.of("MB", "seconds", "CPU s", "MB/s", "plain copy MB/s", "copy + fsync MB/s"))
            .ratio("vs plain copy", 3, 4)
            .ratio("vs copy + fsync", 3, 5);
    try (Database db = Thermocline.open(data)) {
      load(db);
      long dataBytes = size(data);
      copyTree(data, dir.resolve("warm"), false);
      deleteTree(dir.resolve("warm"));
      double[] copy = median(() -> timedCopy(data, dir.resolve("copy"), false));
      double[] copySync = median(() -> timedCopy(data, dir.resolve("copy-sync"), true));
      double copyMbs = mb(dataBytes) / copy[0];
      double syncMbs = mb(dataBytes) / copySync[0];
      table.add(
          List.of("plain copy (cp -r)"),
          mb(dataBytes),
          copy[0],
          copy[1],
          copyMbs,
          copyMbs,
          syncMbs);
      table.add(
          List.of("plain copy + fsync (files and directories)"),
          mb(dataBytes),
          copySync[0],
          copySync[1],
          syncMbs,
          copyMbs,
          syncMbs);
      String target = dir.resolve("backups").toString();
      // One untimed backup first, as the copy above: the first one pays for class loading and JIT.
      db.backups().create(target, "warm-up", null);
      BackupManifest[] last = new BackupManifest[1];
      double[] backup =
          median(
              () -> {
                long t = System.nanoTime();
                last[0] = db.backups().create(target, "bench", null);
                return (System.nanoTime() - t) / 1e9;
              });
      long backupBytes = last[0].totalBytes();
      table.add(
          List.of("full backup at the checkpoint's id (online, SHA-256, fsync)"),
          mb(backupBytes),
          backup[0],
          backup[1],
          mb(backupBytes) / backup[0],
          copyMbs,
          syncMbs);
      // Commits after the checkpoint (1 % more rows in 100 inserts): the backup carries the
      // checkpoint and the log since, and a restored database replays that log when it opens.
      long tailRows = Math.max(100, rows / 100);
      Workload more = DevopsWorkload.generate(tailRows, 43, (int) Math.max(1, tailRows / 100));
      try (Session s = db.session()) {
        for (ColumnBatch b : more.batches()) {
          s.insertBatch("cpu", b);
        }
      }
      double[] encoded =
          median(
              () -> {
                long t = System.nanoTime();
                last[0] = db.backups().create(target, "bench", null);
                return (System.nanoTime() - t) / 1e9;
              });
      backupBytes = last[0].totalBytes();
      table.add(
          List.of("full backup 100 commits past the checkpoint (checkpoint + log)"),
          mb(backupBytes),
          encoded[0],
          encoded[1],
          mb(backupBytes) / encoded[0],
          copyMbs,
          syncMbs);
      double[] restore =
          median(
              () -> {
                Path into = dir.resolve("restored");
                deleteTree(into);
                long t = System.nanoTime();
                Backups.restore(target, last[0].id(), into, RestoreOptions.defaults(), null);
                return (System.nanoTime() - t) / 1e9;
              });
      table.add(
          List.of("restore (SHA-256 checked, fsync)"),
          mb(backupBytes),
          restore[0],
          restore[1],
          mb(backupBytes) / restore[0],
          copyMbs,
          syncMbs);
      double[] open =
          median(
              () -> {
                long t = System.nanoTime();
                try (Database restored = Thermocline.open(dir.resolve("restored"))) {
                  return (System.nanoTime() - t) / 1e9;
                }
              });
      table.add(
          List.of("open the restored directory (checkpoint load + log replay)"),
          mb(backupBytes),
          open[0],
          open[1],
          mb(backupBytes) / open[0],
          copyMbs,
          syncMbs);
      table.note(
          String.format(
              Locale.ROOT,
              "data directory %.1f MB, backup %.1f MB (hot tier as a checkpoint of the rows, cold"
                  + " tier as files); median of %d runs each (wall and process CPU); %d copy threads; %d cores; page"
                  + " cache warm; copies are single-threaded Files.copy of the data directory; the first"
                  + " backups are at the database's checkpoint (no commit since), the second set follows"
                  + " 100 commits and carries their log; restore restores the last backup; the restored"
                  + " directory is then opened (load + replay), as after any restore",
              mb(dataBytes),
              mb(backupBytes),
              runs,
              db.config().get(io.thermocline.engine.backup.BackupSettings.COPY_THREADS),
              Runtime.getRuntime().availableProcessors()));
    }
    return table.render();
  }

  interface Timed {
    double seconds() throws IOException;
  }

  /**
   * Median wall seconds and median process CPU seconds (all threads, the database's background work
   * included) of {@code runs} runs: on a machine shared with other work the CPU figure is the
   * steadier one.
   */
  private double[] median(Timed t) throws IOException {
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c = processCpuNanos();
      wall[i] = t.seconds();
      cpu[i] = (processCpuNanos() - c) / 1e9;
    }
    return new double[] {median(wall), median(cpu)};
  }

  private static double median(double[] s) {
    java.util.Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
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

  /**
   * Copies {@code from} to {@code to}; with {@code sync}, durably as a backup must be: every file
   * fsynced after its copy, then every directory created (on Linux a new file's entry is durable
   * only once its directory is fsynced; the backup does both).
   */
  private static void copyTree(Path from, Path to, boolean sync) throws IOException {
    List<Path> directories = new java.util.ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
          directories.add(dest);
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
    if (sync) {
      for (Path d : directories) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
          ch.force(true);
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

package io.thermocline.admincli.admin;

import io.thermocline.aging.AgingRun;
import io.thermocline.engine.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code thermo status} shows: each table's rows, memory and disk per tier, the JVM's heap,
 * the data directory's size and free space, the last aging run and the last backup. Immutable.
 */
public record ServerStatus(
    String dataDirectory,
    long uptimeSeconds,
    long lastCommitId,
    int sessions,
    List<TableInfo> tables,
    Memory memory,
    Disk disk,
    AgingRun lastAging,
    Object lastBackup) {

  /** Heap of the JVM and the hot tier's share of it. */
  public record Memory(long heapUsedBytes, long heapMaxBytes, long hotTierBytes) {}

  /** The data directory's bytes on disk, the cold tier's share, and the free space left. */
  public record Disk(long dataDirectoryBytes, long coldTierBytes, long freeBytes) {}

  /** Collects the status now. */
  public static ServerStatus of(
      Database db, TableAdmin tables, PolicyAdmin policies, Object lastBackup, long startedMillis) {
    List<TableInfo> all = new ArrayList<>(tables.list());
    long hot = 0;
    long cold = 0;
    for (TableInfo t : all) {
      hot += t.hotMemoryBytes();
      cold += t.coldBytes();
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new ServerStatus(
        db.dataDirectory().toAbsolutePath().toString(),
        (System.currentTimeMillis() - startedMillis) / 1000,
        db.lastCommitted(),
        db.sessionCount(),
        all,
        new Memory(heap.getUsed(), heap.getMax(), hot),
        new Disk(directoryBytes(db.dataDirectory()), cold, freeBytes(db.dataDirectory())),
        policies == null ? null : policies.lastRun(),
        lastBackup);
  }

  /** Bytes of the regular files under {@code dir}; files vanishing during the walk are skipped. */
  public static long directoryBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .mapToLong(
              p -> {
                try {
                  return Files.isRegularFile(p) ? Files.size(p) : 0L;
                } catch (IOException gone) {
                  return 0L; // compaction or the log removed it meanwhile
                }
              })
          .sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  private static long freeBytes(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      return store.getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }
}

package io.thermocline.admincli.server;

import io.thermocline.aging.AgingMetrics;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.table.TableStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * The {@code /metrics} page in Prometheus' text format 0.0.4: per-table rows, memory and disk by
 * tier, commit id and sessions, aging counters, admin API counters and the JVM's heap, threads and
 * uptime. Rendered on each scrape from live state. Stateless.
 */
final class PrometheusMetrics {
  private PrometheusMetrics() {}

  static String render(
      Database db, AgingMetrics aging, AdminHttpServer http, BackupGauges backups) {
    StringBuilder sb = new StringBuilder(4096);
    header(sb, "thermocline_table_rows", "gauge", "Rows visible at the newest snapshot, by tier.");
    StringBuilder mem = new StringBuilder();
    StringBuilder cold = new StringBuilder();
    StringBuilder files = new StringBuilder();
    for (TableDefinition d : db.tables()) {
      TableStats s;
      try {
        s = db.tableStats(d.name());
      } catch (ThermoException dropped) {
        continue; // dropped while the page was rendered
      }
      String t = label(d.name());
      sample(sb, "thermocline_table_rows{table=\"" + t + "\",tier=\"hot\"}", s.hotRows());
      sample(sb, "thermocline_table_rows{table=\"" + t + "\",tier=\"cold\"}", s.coldRows());
      sample(mem, "thermocline_table_hot_memory_bytes{table=\"" + t + "\"}", s.hotMemoryBytes());
      sample(cold, "thermocline_table_cold_bytes{table=\"" + t + "\"}", s.coldBytes());
      sample(files, "thermocline_table_cold_files{table=\"" + t + "\"}", s.coldFiles());
    }
    header(sb, "thermocline_table_hot_memory_bytes", "gauge", "Heap bytes of the hot tier.");
    sb.append(mem);
    header(sb, "thermocline_table_cold_bytes", "gauge", "Bytes of live cold files.");
    sb.append(cold);
    header(sb, "thermocline_table_cold_files", "gauge", "Live cold Parquet files.");
    sb.append(files);
    gauge(sb, "thermocline_last_commit_id", "The newest commit id.", db.lastCommitted());
    gauge(sb, "thermocline_sessions", "Open engine sessions.", db.sessionCount());
    if (aging != null) {
      counter(sb, "thermocline_aging_runs_total", "Aging runs.", aging.runs());
      counter(sb, "thermocline_aging_failed_runs_total", "Failed aging runs.", aging.failedRuns());
      counter(sb, "thermocline_aging_rows_to_cold_total", "Rows aged.", aging.rowsToCold());
      counter(sb, "thermocline_aging_rows_to_hot_total", "Rows recalled.", aging.rowsToHot());
      gauge(
          sb,
          "thermocline_aging_last_duration_seconds",
          "Duration of the last aging run.",
          aging.lastDurationMillis() / 1000.0);
    }
    if (backups != null) {
      gauge(sb, "thermocline_backups", "Backups in the default target.", backups.count());
      gauge(
          sb,
          "thermocline_backup_last_timestamp_seconds",
          "Time of the newest backup (0: none).",
          backups.lastEpochSeconds());
    }
    if (http != null) {
      counter(sb, "thermocline_admin_requests_total", "Admin API requests.", http.requests());
      counter(
          sb,
          "thermocline_admin_failures_total",
          "Admin API requests that failed.",
          http.failures());
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    gauge(sb, "jvm_memory_heap_used_bytes", "Heap in use.", heap.getUsed());
    gauge(sb, "jvm_memory_heap_max_bytes", "Maximum heap.", heap.getMax());
    gauge(
        sb,
        "jvm_threads_live",
        "Live threads.",
        ManagementFactory.getThreadMXBean().getThreadCount());
    gauge(
        sb,
        "process_uptime_seconds",
        "Seconds since the JVM started.",
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    return sb.toString();
  }

  /** What the metrics page shows of backups; supplied by the backup routes. */
  interface BackupGauges {
    long count();

    long lastEpochSeconds();
  }

  private static void header(StringBuilder sb, String name, String type, String help) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void gauge(StringBuilder sb, String name, String help, double value) {
    header(sb, name, "gauge", help);
    sample(sb, name, value);
  }

  private static void counter(StringBuilder sb, String name, String help, double value) {
    header(sb, name, "counter", help);
    sample(sb, name, value);
  }

  private static void sample(StringBuilder sb, String series, double value) {
    sb.append(series).append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      sb.append((long) value);
    } else {
      sb.append(String.format(Locale.ROOT, "%.3f", value));
    }
    sb.append('\n');
  }

  private static String label(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/**
 * {@code thermo status}: tiers, memory, disk, last aging run, last backup.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(name = "status", description = "Tiers, memory, disk, last aging run and last backup.")
public final class StatusCommand extends CommandBase {
  @Override
  public Integer call() {
    JsonNode s = client().get("/api/status");
    if (output().json()) {
      return show(s);
    }
    Output o = output();
    o.line("data directory  " + s.path("dataDirectory").asText());
    o.line(
        "uptime          "
            + s.path("uptimeSeconds").asLong()
            + " s, commit id "
            + s.path("lastCommitId").asLong()
            + ", sessions "
            + s.path("sessions").asInt());
    JsonNode m = s.path("memory");
    o.line(
        "memory          heap "
            + mib(m.path("heapUsedBytes").asLong())
            + " of "
            + mib(m.path("heapMaxBytes").asLong())
            + ", hot tier "
            + mib(m.path("hotTierBytes").asLong()));
    JsonNode d = s.path("disk");
    o.line(
        "disk            data directory "
            + mib(d.path("dataDirectoryBytes").asLong())
            + " (cold tier "
            + mib(d.path("coldTierBytes").asLong())
            + "), free "
            + mib(d.path("freeBytes").asLong()));
    JsonNode a = s.path("lastAging");
    o.line(
        "last aging      "
            + (a.isMissingNode() || a.isNull()
                ? "none"
                : a.path("table").asText()
                    + " at "
                    + a.path("end").asText()
                    + ": "
                    + a.path("status").asText()
                    + ", "
                    + a.path("rowsToCold").asLong()
                    + " to cold, "
                    + a.path("rowsToHot").asLong()
                    + " to hot"));
    JsonNode b = s.path("lastBackup");
    o.line(
        "last backup     "
            + (b.isMissingNode() || b.isNull()
                ? "none"
                : b.path("id").asText()
                    + " at "
                    + b.path("time").asText()
                    + " "
                    + b.path("status").asText()));
    o.line("tables:");
    for (JsonNode t : s.path("tables")) {
      o.line(
          "  "
              + t.path("name").asText()
              + " ("
              + t.path("kind").asText()
              + "): hot "
              + t.path("hotRows").asLong()
              + " rows / "
              + mib(t.path("hotMemoryBytes").asLong())
              + ", cold "
              + t.path("coldRows").asLong()
              + " rows / "
              + mib(t.path("coldBytes").asLong())
              + " in "
              + t.path("coldFiles").asInt()
              + " files");
    }
    return 0;
  }

  static String mib(long bytes) {
    if (bytes < 0) {
      return "?";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}

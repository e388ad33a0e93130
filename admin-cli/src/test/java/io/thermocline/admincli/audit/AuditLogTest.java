package io.thermocline.admincli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  @Test
  void entriesAreAppendedAcrossReopensAndATornLineIsSkipped() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      log.record(AuditEntry.now("admin", "table.create", "ORDERS", "OK", null));
      log.record(AuditEntry.now("rita", "table.drop", "ORDERS", "TC-4002", "denied"));
    }
    Path file = dir.resolve("security").resolve("audit.log");
    Files.writeString(file, "{\"time\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(file, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(dir)) {
      log.record(AuditEntry.now("admin", "backup.create", "/b", "OK", null));
      List<AuditEntry> all = log.tail(10);
      assertThat(all)
          .extracting(AuditEntry::user, AuditEntry::action, AuditEntry::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("admin", "table.create", "OK"),
              org.assertj.core.groups.Tuple.tuple("rita", "table.drop", "TC-4002"),
              org.assertj.core.groups.Tuple.tuple("admin", "backup.create", "OK"));
      assertThat(log.tail(1)).extracting(AuditEntry::action).containsExactly("backup.create");
    }
  }
}

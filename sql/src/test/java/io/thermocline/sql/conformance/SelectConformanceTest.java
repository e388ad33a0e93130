package io.thermocline.sql.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's sqllogictest select1-select5 (8,884 queries) through the embedded driver. */
class SelectConformanceTest {
  static final List<String> SELECT_FILES =
      List.of(
          "test/select1.test",
          "test/select2.test",
          "test/select3.test",
          "test/select4.test",
          "test/select5.test");

  @TempDir Path dir;

  @Test
  void everySelectQueryPasses() throws Exception {
    AtomicInteger n = new AtomicInteger();
    SltRun run =
        new SltRun(
            "thermocline",
            file ->
                DriverManager.getConnection(
                    "jdbc:thermocline:file:"
                        + Files.createDirectories(dir.resolve("db" + n.incrementAndGet()))));
    String only = System.getProperty("thermo.slt.files");
    for (String f : only == null ? SELECT_FILES : List.of(only.split(","))) {
      run.run(f);
    }
    System.out.println(run.summary());
    run.failures().stream().limit(40).forEach(System.out::println);
    assertThat(run.failed())
        .as("failed queries; first: %s", run.failures().stream().limit(3).toList())
        .isZero();
  }
}

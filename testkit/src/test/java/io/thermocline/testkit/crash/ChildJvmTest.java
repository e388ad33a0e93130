package io.thermocline.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  private static final Duration START = Duration.ofSeconds(60);

  @Test
  void killsAChildMidWayWithSigkill(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("progress.txt");
    try (ChildJvm child = ChildJvm.start(ProgressChild.class, "progress", file.toString())) {
      List<String> progress = child.awaitLines(l -> l.startsWith("PROGRESS"), 5, START);
      assertThat(progress).startsWith("PROGRESS 0", "PROGRESS 1");

      int exit = child.kill();

      assertThat(exit).as(child.describe("exit status")).isEqualTo(ChildJvm.SIGKILL_EXIT);
      assertThat(child.isAlive()).isFalse();
      // SIGKILL cannot be caught: the shutdown hook never ran, the loop never finished.
      assertThat(child.lines()).doesNotContain("HOOK RAN", "DONE");
      // Every counter the child printed had been fsynced before.
      List<String> durable = Files.readAllLines(file);
      assertThat(durable.size()).isGreaterThanOrEqualTo(5);
      for (int i = 0; i < durable.size() - 1; i++) {
        assertThat(durable.get(i)).isEqualTo(String.valueOf(i));
      }
    }
  }

  @Test
  void reportsTheExitOfAChildThatEndsOnItsOwn() throws Exception {
    try (ChildJvm child = ChildJvm.start(ProgressChild.class, "exit", "3")) {
      assertThat(child.awaitExit(START)).isEqualTo(3);
      assertThat(child.lines()).containsExactly("BYE", "HOOK RAN");
      long begin = System.nanoTime();
      assertThatThrownBy(() -> child.awaitLineContaining("never printed", START))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("exited before")
          .hasMessageContaining("BYE");
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void closeKillsARunningChildAndTimeoutsShowItsOutput() throws Exception {
    long pid;
    try (ChildJvm child = ChildJvm.start(ProgressChild.class, "echo")) {
      pid = child.pid();
      child.sendLine("hello");
      assertThat(child.awaitLineContaining("ECHO", START)).isEqualTo("ECHO hello");
      assertThatThrownBy(() -> child.awaitLineContaining("nothing", Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("timed out")
          .hasMessageContaining("ECHO hello");
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }
}

package io.thermocline.coldstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link RuntimeSmoke} in a child JVM on the module's run-time class path only (written by the
 * build to {@code target/runtime-classpath.txt}). The test class path carries the minicluster's
 * jars; this proves production code does not silently depend on them.
 */
class RuntimeClasspathTest {
  @TempDir Path dir;

  @Test
  void theColdStoreRunsOnItsRuntimeClassPathAlone() throws Exception {
    Path cpFile = Path.of("target", "runtime-classpath.txt");
    assertThat(cpFile).as("run-time class path written by the build").isRegularFile();
    String cp =
        String.join(
            File.pathSeparator,
            Path.of("target", "classes").toAbsolutePath().toString(),
            Path.of("target", "test-classes").toAbsolutePath().toString(),
            Files.readString(cpFile).trim());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(java, "-Xmx512m", "-cp", cp, RuntimeSmoke.class.getName(), dir.toString()))
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String output = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("ok");
  }
}

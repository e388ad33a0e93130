package io.thermocline.coldstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files in the shared test data directory ({@code thermo.shared.data}). */
final class SharedData {
  private SharedData() {}

  static Path file(String name) {
    String dir = System.getProperty("thermo.shared.data");
    Path base = dir != null ? Path.of(dir) : Path.of("..", "..", "shared", "data");
    Path p = base.resolve(name).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      p = Path.of("..", "..", "shared", "data", name).toAbsolutePath().normalize();
    }
    assertThat(p)
        .as("shared test data file " + name + " (set -Dthermo.shared.data)")
        .isRegularFile();
    return p;
  }
}

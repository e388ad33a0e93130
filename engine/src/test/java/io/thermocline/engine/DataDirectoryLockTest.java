package io.thermocline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
  @TempDir Path dir;

  @Test
  void aSecondOpenOfOneDirectoryIsRefusedNamingIt() {
    try (Database db = Thermocline.open(dir)) {
      assertThat(DataDirectoryLock.isHeld(dir)).isTrue();
      assertThatThrownBy(() -> Thermocline.open(dir))
          .isInstanceOf(ThermoException.class)
          .satisfies(
              e ->
                  assertThat(((ThermoException) e).code())
                      .isEqualTo(ErrorCode.DATA_DIRECTORY_IN_USE))
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("process " + ProcessHandle.current().pid());
    }
    assertThat(DataDirectoryLock.isHeld(dir)).isFalse();
    try (Database again = Thermocline.open(dir)) {
      assertThat(again.dataDirectory()).isEqualTo(dir);
    }
  }
}

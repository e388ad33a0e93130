package io.thermocline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigTest {
  static final Setting<Integer> BATCH =
      Setting.intSetting("scan.batch", 4096, 1, 1 << 16, "rows per batch");
  static final Setting<Boolean> SYNC = Setting.booleanSetting("log.sync", true, "fsync per commit");

  @Test
  void defaultsParsingAndValidation() {
    assertThat(Config.defaults().get(BATCH)).isEqualTo(4096);
    Properties p = new Properties();
    p.setProperty("scan.batch", "1024");
    p.setProperty("log.sync", "false");
    Config c = Config.parse(p, List.of(BATCH, SYNC));
    assertThat(c.get(BATCH)).isEqualTo(1024);
    assertThat(c.get(SYNC)).isFalse();
    p.setProperty("scan.batch", "0");
    assertThatThrownBy(() -> Config.parse(p, List.of(BATCH, SYNC)))
        .hasMessageContaining("scan.batch")
        .hasMessageContaining("[1, 65536]");
    Properties typo = new Properties();
    typo.setProperty("scan.bacth", "1");
    assertThatThrownBy(() -> Config.parse(typo, List.of(BATCH))).hasMessageContaining("scan.bacth");
    assertThatThrownBy(() -> c.with(BATCH, -1)).hasMessageContaining("scan.batch");
  }
}

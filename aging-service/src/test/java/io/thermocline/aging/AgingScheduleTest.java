package io.thermocline.aging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgingScheduleTest {
  @ParameterizedTest
  @CsvSource({
    "EVERY 1 SECOND, 1",
    "every 30 seconds, 30",
    "EVERY 15 MINUTES, 900",
    "EVERY 2 HOURS, 7200",
    "EVERY 1 DAY, 86400",
    "'  EVERY   3   DAYS ', 259200"
  })
  void everyParsesToSeconds(String text, long seconds) {
    AgingSchedule s = AgingSchedule.parse(text);
    assertThat(s.intervalSeconds()).isEqualTo(seconds);
    assertThat(s.cron()).isNull();
  }

  @Test
  void cronKeepsTheQuartzExpression() {
    AgingSchedule s = AgingSchedule.parse("CRON 0 0 2 * * ?");
    assertThat(s.cron()).isEqualTo("0 0 2 * * ?");
    assertThat(s.intervalSeconds()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EVERY 5 WEEKS|unit 'WEEKS'",
        "EVERY 0 MINUTES|at least 1",
        "EVERY x MINUTES|'x' is not a whole number",
        "EVERY MINUTES|needs a count and a unit",
        "EVERY 99999999999 DAYS|too long",
        "CRON|needs a Quartz cron expression",
        "CRON 0 0 25 * * ?|cron expression '0 0 25 * * ?' is invalid",
        "HOURLY|must start with EVERY or CRON",
        "'  '|empty"
      })
  void badSchedulesNameWhatIsWrong(String text, String reason) {
    assertThatThrownBy(() -> AgingSchedule.parse(text))
        .isInstanceOfSatisfying(
            ThermoException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("invalid aging schedule").contains(reason);
            });
  }
}

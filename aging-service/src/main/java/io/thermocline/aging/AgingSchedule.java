package io.thermocline.aging;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.text.ParseException;
import java.util.Locale;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;

/**
 * A parsed aging schedule: {@code EVERY n SECONDS|MINUTES|HOURS|DAYS} (singular accepted) or {@code
 * CRON <quartz expression>}. Both misfire to "run once at the next opportunity". Immutable.
 *
 * @param text the schedule as the catalog stores it
 * @param intervalSeconds the period of an EVERY schedule, 0 for CRON
 * @param cron the Quartz cron expression of a CRON schedule, null for EVERY
 */
public record AgingSchedule(String text, long intervalSeconds, String cron) {

  /** Parses {@code text}; a bad schedule fails with INVALID_ARGUMENT naming what is wrong. */
  public static AgingSchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "it is empty; use EVERY n MINUTES|HOURS|DAYS|SECONDS or CRON <expr>");
    }
    String t = text.trim();
    String[] words = t.split("\\s+");
    String head = words[0].toUpperCase(Locale.ROOT);
    if (head.equals("CRON")) {
      String expr = t.substring(4).trim();
      if (expr.isEmpty()) {
        throw invalid(text, "CRON needs a Quartz cron expression, e.g. CRON 0 0 2 * * ?");
      }
      try {
        CronExpression.validateExpression(expr);
      } catch (ParseException e) {
        throw invalid(text, "the cron expression '" + expr + "' is invalid: " + e.getMessage());
      }
      return new AgingSchedule(t, 0, expr);
    }
    if (!head.equals("EVERY")) {
      throw invalid(text, "it must start with EVERY or CRON, not '" + words[0] + "'");
    }
    if (words.length != 3) {
      throw invalid(text, "EVERY needs a count and a unit, e.g. EVERY 15 MINUTES");
    }
    long n;
    try {
      n = Long.parseLong(words[1]);
    } catch (NumberFormatException e) {
      throw invalid(text, "the count '" + words[1] + "' is not a whole number");
    }
    if (n < 1) {
      throw invalid(text, "the count must be at least 1, not " + n);
    }
    long unit = unitSeconds(words[2].toUpperCase(Locale.ROOT));
    if (unit < 0) {
      throw invalid(
          text, "the unit '" + words[2] + "' is not one of SECONDS, MINUTES, HOURS, DAYS");
    }
    if (n > Integer.MAX_VALUE / unit) {
      throw invalid(text, "the interval is too long");
    }
    return new AgingSchedule(t, n * unit, null);
  }

  private static long unitSeconds(String unit) {
    return switch (unit) {
      case "SECOND", "SECONDS" -> 1;
      case "MINUTE", "MINUTES" -> 60;
      case "HOUR", "HOURS" -> 3_600;
      case "DAY", "DAYS" -> 86_400;
      default -> -1;
    };
  }

  private static ThermoException invalid(String text, String why) {
    return new ThermoException(
        ErrorCode.INVALID_ARGUMENT, "invalid aging schedule '" + text + "': " + why);
  }

  /** The Quartz schedule; misfires fire once now and then resume the normal cadence. */
  ScheduleBuilder<? extends Trigger> quartzSchedule() {
    if (cron != null) {
      return CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionFireAndProceed();
    }
    return SimpleScheduleBuilder.simpleSchedule()
        .withIntervalInSeconds((int) intervalSeconds)
        .repeatForever()
        .withMisfireHandlingInstructionFireNow();
  }
}

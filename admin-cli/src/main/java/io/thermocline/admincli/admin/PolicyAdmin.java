package io.thermocline.admincli.admin;

import io.thermocline.aging.AgingDryRun;
import io.thermocline.aging.AgingPolicy;
import io.thermocline.aging.AgingRun;
import io.thermocline.aging.AgingSchedule;
import io.thermocline.aging.AgingService;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Aging policies and runs through the database's aging service: show, set (rule and schedule, both
 * checked before either is stored), enable, disable, dry run, run now, history. Thread-safe (the
 * aging service is).
 */
public final class PolicyAdmin {
  private final Database db;
  private final AgingService aging;

  public PolicyAdmin(Database db, AgingService aging) {
    this.db = db;
    this.aging = aging;
  }

  public List<AgingPolicy> policies() {
    return aging.policies();
  }

  public AgingPolicy policy(String table) {
    String name = hybrid(table).name();
    for (AgingPolicy p : aging.policies()) {
      if (p.table().equals(name)) {
        return p;
      }
    }
    throw new ThermoException(ErrorCode.UNKNOWN_TABLE, "table " + name + " has no aging policy");
  }

  /**
   * Sets the rule and/or the schedule (null leaves one as it is, an empty text removes it). Both
   * are checked first, so a bad cron leaves the rule unchanged too.
   */
  public AgingPolicy set(String table, String rule, String schedule) {
    TableDefinition d = hybrid(table);
    AgingRule parsed = null;
    if (rule != null && !rule.isBlank()) {
      parsed = AgingRule.parse(rule);
      parsed.check(d.schema(), d.name());
    }
    if (schedule != null && !schedule.isBlank()) {
      AgingSchedule.parse(schedule);
    }
    if (rule != null) {
      aging.setRule(d.name(), parsed);
    }
    if (schedule != null) {
      aging.setSchedule(d.name(), schedule.isBlank() ? null : schedule);
    }
    return policy(d.name());
  }

  public AgingPolicy setEnabled(String table, boolean enabled) {
    aging.setEnabled(hybrid(table).name(), enabled);
    return policy(table);
  }

  public AgingDryRun dryRun(String table) {
    return aging.dryRun(hybrid(table).name());
  }

  public AgingRun run(String table) {
    return aging.runNow(hybrid(table).name());
  }

  /** Runs of {@code table} (null: all tables), oldest first, at most {@code limit} newest. */
  public List<AgingRun> history(String table, int limit) {
    List<AgingRun> all =
        table == null ? aging.runs().all() : aging.runs().of(db.table(table).name());
    return new ArrayList<>(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  /** The newest run of any table, or null. */
  public AgingRun lastRun() {
    List<AgingRun> all = aging.runs().all();
    AgingRun last = null;
    for (AgingRun r : all) {
      if (last == null || r.end().isAfter(last.end())) {
        last = r;
      }
    }
    return last;
  }

  public AgingService service() {
    return aging;
  }

  private TableDefinition hybrid(String table) {
    TableDefinition d = db.table(table).definition();
    if (d.kind() != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "table " + d.name() + " is " + d.kind() + "; only hybrid tables have an aging policy");
    }
    return d;
  }
}

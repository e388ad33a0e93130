package io.thermocline.aging;

import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.engine.Database;
import io.thermocline.engine.Session;
import io.thermocline.engine.catalog.AgingRule;
import io.thermocline.engine.catalog.CatalogEvent;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.catalog.TableKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The aging service of one database (DESIGN.md section 9): a Quartz scheduler (RAM job store, its
 * own thread pool) with one job per enabled hybrid table policy with a valid schedule, rebuilt from
 * the catalog at {@link #start} and kept in step by the engine's catalog listener (any CREATE,
 * ALTER or DROP TABLE, SQL or not, refreshes that table's job) and by {@link #refresh}/{@link
 * #refreshAll}; {@link #setSchedule}, {@link #setEnabled} and {@link #setRule} validate before they
 * change the catalog. Scheduled and manual runs of one table never overlap; see {@link #runNow} and
 * {@link #dryRun}. A started service registers {@code SYS.RUN_AGING}, {@code SYS.AGING_DRY_RUN},
 * {@code SYS.AGING_POLICIES} and {@code SYS.AGING_RUNS} in {@link Database#system()} ({@link
 * AgingSystemObjects}).
 *
 * <p>One service per database: {@link AgingExtension} starts it for every database opened with
 * {@code engine.extensions.enabled} (the default); {@link #of} finds it; a second {@link #start}
 * for the same database is refused.
 *
 * <p>Concurrency: thread-safe. Job changes serialize on this object's monitor; runs of one table
 * serialize on that table's fair lock; history and metrics are thread-safe.
 */
public final class AgingService implements AutoCloseable {
  private static final String GROUP = "thermocline-aging";
  private static final String SCHEDULE_TEXT = "schedule";
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final Map<Database, AgingService> RUNNING = new ConcurrentHashMap<>();

  private final Database db;
  private final Clock clock;
  private final AgingOptions defaults;
  private final Scheduler scheduler;
  private final AgingRuns runs;
  private final AgingMetrics metrics = new AgingMetrics();
  private final Map<String, TableAger> agers = new ConcurrentHashMap<>();
  private final Map<String, AgingOptions> options = new ConcurrentHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private final AtomicLong runIds = new AtomicLong();
  private final String agingDirectory;
  private final boolean persistHolds;
  private AutoCloseable catalogListener;
  private AutoCloseable systemObjects;
  private volatile boolean closed;

  private AgingService(Database db, Config config, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.defaults = AgingOptions.from(config);
    int history = config.get(AgingSettings.HISTORY_RUNS);
    this.agingDirectory = db.dataDirectory().resolve("aging").toString();
    this.persistHolds = config.get(AgingSettings.PERSIST_HOLDS);
    this.runs =
        new AgingRuns(
            history,
            config.get(AgingSettings.PERSIST_HISTORY)
                ? new AgingRunLog(LocalFileIO.INSTANCE, agingDirectory, history)
                : null);
    runIds.set(runs.lastId());
    Properties p = new Properties();
    // A unique name: Quartz's factory returns an existing scheduler of the same name.
    p.setProperty(
        "org.quartz.scheduler.instanceName", "thermocline-aging-" + INSTANCES.incrementAndGet());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty(
        "org.quartz.threadPool.threadCount", String.valueOf(config.get(AgingSettings.THREADS)));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    try {
      this.scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.getContext().put(AgingJob.SERVICE, this);
    } catch (SchedulerException e) {
      throw new ThermoException(
          ErrorCode.INTERNAL, "cannot create the aging scheduler: " + e.getMessage(), e);
    }
  }

  /** Starts the service with the database's settings ({@link AgingSettings} in its config). */
  public static AgingService start(Database db) {
    return start(db, db.config(), Clock.systemUTC());
  }

  /**
   * Starts the service: one job per enabled policy of the catalog, the catalog listener, the SYS
   * views and procedures, then the scheduler. Refused (INVALID_ARGUMENT) when a service runs for
   * {@code db} already, e.g. the one {@link AgingExtension} attached: use {@link #of} for it.
   */
  public static AgingService start(Database db, Config config, Clock clock) {
    AgingService s;
    synchronized (RUNNING) {
      if (RUNNING.containsKey(db)) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "an aging service runs for the database at "
                + db.dataDirectory()
                + " already (attached when it opened unless engine.extensions.enabled=false);"
                + " use AgingService.of(database)");
      }
      s = new AgingService(db, config, clock);
      RUNNING.put(db, s);
    }
    try {
      s.refreshAll();
      s.catalogListener = db.addCatalogListener(s::onCatalogChange);
      s.systemObjects = AgingSystemObjects.register(s, db.system());
      s.scheduler.start();
    } catch (SchedulerException | RuntimeException e) {
      s.close();
      throw new ThermoException(
          ErrorCode.INTERNAL, "cannot start the aging scheduler: " + e.getMessage(), e);
    }
    return s;
  }

  /** The service running for {@code db}, if any. */
  public static Optional<AgingService> of(Database db) {
    return Optional.ofNullable(RUNNING.get(db));
  }

  /** The database this service ages. */
  public Database database() {
    return db;
  }

  /** Keeps jobs in step with DDL from any path (SQL, admin, API); a bad schedule is recorded. */
  private void onCatalogChange(CatalogEvent e) {
    if (closed) {
      return;
    }
    try {
      refresh(e.table());
    } catch (ThermoException invalid) {
      // apply() recorded the reason in problems; SYS.AGING_POLICIES shows it.
    }
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Brings every job in step with the catalog: jobs of dropped, disabled or schedule-less tables
   * go. A table whose schedule is invalid is left unscheduled with the reason in {@link
   * #policies()}, so one bad policy does not stop the others.
   */
  public synchronized void refreshAll() {
    Set<String> names = new HashSet<>();
    for (TableDefinition d : db.tables()) {
      names.add(d.name());
      try {
        apply(d);
      } catch (ThermoException e) {
        // recorded in problems by apply
      }
    }
    try {
      for (JobKey k : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
        if (!names.contains(k.getName())) {
          unschedule(k.getName());
        }
      }
    } catch (SchedulerException e) {
      throw schedulerFailure("list the aging jobs", e);
    }
    agers.keySet().retainAll(names);
  }

  /**
   * Brings the job of {@code table} in step with its policy; a dropped table loses its job. Fails
   * with INVALID_ARGUMENT naming the problem when the schedule is invalid (the job is removed).
   */
  public synchronized void refresh(String table) {
    TableDefinition d = findTable(table);
    if (d == null) {
      unschedule(table);
      TableAger gone = agers.remove(table);
      options.remove(table);
      if (gone != null) {
        gone.forget();
      } else if (persistHolds) {
        new RowHoldsFile(LocalFileIO.INSTANCE, agingDirectory, table).delete();
      }
      return;
    }
    apply(d);
  }

  private void apply(TableDefinition d) {
    String name = d.name();
    problems.remove(name);
    if (d.kind() != TableKind.HYBRID || !d.agingEnabled() || d.agingSchedule() == null) {
      unschedule(name);
      return;
    }
    AgingSchedule schedule;
    try {
      schedule = AgingSchedule.parse(d.agingSchedule());
    } catch (ThermoException e) {
      unschedule(name);
      problems.put(name, e.getMessage());
      throw new ThermoException(e.code(), "table " + name + ": " + e.getMessage(), e);
    }
    try {
      TriggerKey key = new TriggerKey(name, GROUP);
      Trigger existing = scheduler.getTrigger(key);
      if (existing != null
          && schedule.text().equals(existing.getJobDataMap().getString(SCHEDULE_TEXT))) {
        return;
      }
      JobDetail job =
          JobBuilder.newJob(AgingJob.class)
              .withIdentity(name, GROUP)
              .usingJobData(AgingJob.TABLE, name)
              .build();
      TriggerBuilder<Trigger> tb =
          TriggerBuilder.newTrigger()
              .withIdentity(key)
              .usingJobData(SCHEDULE_TEXT, schedule.text());
      Trigger trigger =
          (schedule.cron() == null
                  ? tb.startAt(Date.from(clock.instant().plusSeconds(schedule.intervalSeconds())))
                  : tb.startNow())
              .withSchedule(schedule.quartzSchedule())
              .build();
      scheduler.scheduleJob(job, Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw schedulerFailure("schedule aging of table " + name, e);
    }
  }

  private void unschedule(String name) {
    try {
      scheduler.deleteJob(new JobKey(name, GROUP));
    } catch (SchedulerException e) {
      throw schedulerFailure("remove the aging job of table " + name, e);
    }
  }

  // ---------------------------------------------------------------- policy changes

  /** Validates {@code schedule}, stores it in the catalog and reschedules; null removes it. */
  public TableDefinition setSchedule(String table, String schedule) {
    if (schedule != null && !schedule.isBlank()) {
      AgingSchedule.parse(schedule);
    }
    return alter(table, new TableChange.SetAgingSchedule(schedule));
  }

  /** Enables or disables the policy of {@code table} and (un)schedules its job. */
  public TableDefinition setEnabled(String table, boolean enabled) {
    return alter(table, new TableChange.SetAgingEnabled(enabled));
  }

  /** Sets the aging rule of {@code table} (see {@link AgingRule#parse}). */
  public TableDefinition setRule(String table, AgingRule rule) {
    return alter(table, new TableChange.SetAgingRule(rule));
  }

  /** Bounds of {@code table}'s runs (defaults from {@link AgingSettings}); next run on. */
  public void setOptions(String table, AgingOptions o) {
    options.put(requireTable(table).name(), o);
  }

  public AgingOptions options(String table) {
    return options.getOrDefault(requireTable(table).name(), defaults);
  }

  private synchronized TableDefinition alter(String table, TableChange change) {
    TableDefinition d;
    try (Session s = db.session()) {
      d = s.alterTable(table, change);
    }
    refresh(d.name());
    return d;
  }

  // ---------------------------------------------------------------- runs

  /**
   * Runs {@code table}'s policy now, after any run of it in progress, and returns the run (rows
   * moved each way). A failure is recorded in the history and thrown.
   */
  public AgingRun runNow(String table) {
    Outcome o = execute(requireTable(table).name(), AgingRun.Trigger.MANUAL);
    if (o.failure() != null) {
      throw new ThermoException(
          o.failure() instanceof ThermoException te ? te.code() : ErrorCode.INTERNAL,
          "aging run " + o.run().id() + " of table " + table + " failed: " + o.run().error(),
          o.failure());
    }
    return o.run();
  }

  /** What a run of {@code table} would do now; changes nothing. Waits for a run in progress. */
  public AgingDryRun dryRun(String table) {
    TableDefinition d = requireTable(table);
    TableAger ager = ager(d.name());
    ager.lock().lock();
    try {
      return ager.dryRun(options(d.name()));
    } finally {
      ager.lock().unlock();
    }
  }

  /**
   * Runs {@code table}'s policy now like {@link #runNow} but returns a failed run instead of
   * throwing (its rows moved before the failure stay counted): what {@code CALL SYS.RUN_AGING}
   * shows. An unknown or non-hybrid table still throws.
   */
  public AgingRun runNowRecorded(String table) {
    TableDefinition d = requireTable(table);
    if (d.kind() != TableKind.HYBRID) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "table " + d.name() + " is " + d.kind() + "; only hybrid tables age");
    }
    return execute(d.name(), AgingRun.Trigger.MANUAL).run();
  }

  void runScheduled(String table) {
    TableDefinition d = findTable(table);
    if (closed || d == null || !d.agingEnabled()) {
      return;
    }
    execute(d.name(), AgingRun.Trigger.SCHEDULED);
  }

  private record Outcome(AgingRun run, RuntimeException failure) {}

  private Outcome execute(String table, AgingRun.Trigger trigger) {
    if (closed) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "the aging service is closed");
    }
    TableAger ager = ager(table);
    ager.lock().lock();
    try {
      Instant start = clock.instant();
      TableAger.Progress p = new TableAger.Progress();
      String error = null;
      RuntimeException failure = null;
      try {
        ager.run(options.getOrDefault(table, defaults), p, () -> closed);
      } catch (RuntimeException e) {
        failure = e;
        error = describe(e);
      }
      AgingRun run =
          new AgingRun(
              runIds.incrementAndGet(),
              table,
              trigger,
              start,
              clock.instant(),
              p.flagged,
              p.toCold,
              p.toHot,
              error == null ? AgingRun.Status.SUCCEEDED : AgingRun.Status.FAILED,
              error);
      runs.add(run);
      metrics.record(run);
      return new Outcome(run, failure);
    } finally {
      ager.lock().unlock();
    }
  }

  private static String describe(RuntimeException e) {
    if (e instanceof ThermoException te) {
      return te.code() + ": " + te.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private TableAger ager(String table) {
    return agers.computeIfAbsent(
        table,
        t ->
            new TableAger(
                db,
                t,
                clock,
                persistHolds ? new RowHoldsFile(LocalFileIO.INSTANCE, agingDirectory, t) : null));
  }

  // ---------------------------------------------------------------- views

  /** Every hybrid table's policy, sorted by table name. */
  public List<AgingPolicy> policies() {
    List<AgingPolicy> out = new ArrayList<>();
    for (TableDefinition d : db.tables()) {
      if (d.kind() != TableKind.HYBRID) {
        continue;
      }
      Instant next = null;
      try {
        Trigger t = scheduler.getTrigger(new TriggerKey(d.name(), GROUP));
        if (t != null && t.getNextFireTime() != null) {
          next = t.getNextFireTime().toInstant();
        }
        TableAger a = agers.get(d.name());
        out.add(
            new AgingPolicy(
                d.name(),
                d.agingRule() == null ? null : d.agingRule().text(),
                d.agingSchedule(),
                d.agingEnabled(),
                t != null,
                next,
                problems.get(d.name()),
                options.getOrDefault(d.name(), defaults),
                a == null ? 0 : a.heldCount()));
      } catch (SchedulerException e) {
        throw schedulerFailure("read the aging trigger of table " + d.name(), e);
      }
    }
    return out;
  }

  /** The run history (bounded, in memory). */
  public AgingRuns runs() {
    return runs;
  }

  public AgingMetrics metrics() {
    return metrics;
  }

  private TableDefinition findTable(String table) {
    for (TableDefinition d : db.tables()) {
      if (d.name().equalsIgnoreCase(table)) {
        return d;
      }
    }
    return null;
  }

  private TableDefinition requireTable(String table) {
    return db.table(table).definition();
  }

  private static ThermoException schedulerFailure(String what, SchedulerException e) {
    return new ThermoException(
        ErrorCode.INTERNAL, "the aging scheduler could not " + what + ": " + e.getMessage(), e);
  }

  /** Stops the scheduler; runs in progress stop after their current batch. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RUNNING.remove(db, this);
    for (AutoCloseable c : new AutoCloseable[] {catalogListener, systemObjects}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // Unregistering from maps cannot fail in a way worth stopping the shutdown for.
      }
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      throw schedulerFailure("shut down", e);
    }
  }
}

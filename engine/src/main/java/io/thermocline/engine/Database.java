package io.thermocline.engine;

import io.thermocline.coldstore.ColdStore;
import io.thermocline.coldstore.ColdStoreOptions;
import io.thermocline.coldstore.ColdTable;
import io.thermocline.common.config.Config;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.engine.catalog.Catalog;
import io.thermocline.engine.catalog.CatalogEvent;
import io.thermocline.engine.catalog.ColdCatalogStore;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.durability.CommitLog;
import io.thermocline.engine.durability.HotCheckpoint;
import io.thermocline.engine.durability.Resolution;
import io.thermocline.engine.durability.RestartReplay;
import io.thermocline.engine.maintenance.Maintenance;
import io.thermocline.engine.maintenance.MaintenancePolicy;
import io.thermocline.engine.maintenance.MaintenanceReport;
import io.thermocline.engine.move.MoveDirection;
import io.thermocline.engine.move.Mover;
import io.thermocline.engine.series.SeriesTables;
import io.thermocline.engine.system.DatabaseExtension;
import io.thermocline.engine.system.SystemCatalog;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.engine.table.KeySetRebuild;
import io.thermocline.engine.table.TableStats;
import io.thermocline.engine.txn.CommitClock;
import io.thermocline.engine.txn.CommitGate;
import io.thermocline.engine.txn.Committer;
import io.thermocline.engine.txn.SnapshotRegistry;
import io.thermocline.hotstore.ColumnPartition;
import io.thermocline.hotstore.HotStoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One open Thermocline database: the cold store (RocksDB + Parquet root), the catalog kept in it,
 * one table object per table over its tiers, the commit clock and snapshot registry, the mover and
 * the maintenance thread. Open it with {@link Thermocline#open}; work through {@link #session()}.
 *
 * <p>Durability (DESIGN.md section 6): every commit is a record in the write-ahead log under {@code
 * <data>/wal}, durable before it is published; opening replays the log into the hot tier and undoes
 * cold changes of commits the crash cut short ({@link #recoveryResolutions()}).
 *
 * <p>Concurrency: thread-safe. Commits, moves and DDL serialize on the commit lock ({@link
 * CommitClock}); transactions wait for the log outside it (group commit) and publish in id order;
 * readers take no lock and read the table map through a volatile copy-on-write reference.
 */
public final class Database implements AutoCloseable {
  private final Path dataDirectory;
  private final Config config;
  private final ColdStore coldStore;
  private final Catalog catalog;
  private final CommitClock clock;
  private final SnapshotRegistry snapshots;
  private final CommitGate gate = new CommitGate();
  private final Committer committer;
  private final Mover mover;
  private final Maintenance maintenance;
  private final long coldFileMinRows;
  private final int autocommitRetries;
  private final AtomicLong sessionIds = new AtomicLong();
  private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
  private final CommitLog log;
  private final RestartReplay restart;
  private final String keyFillTimings;
  private final Object checkpointLock = new Object();
  private final long checkpointLogBytes;
  private volatile long logBytesAtCheckpoint;
  private final LiveTables tables;
  private final TableDdl ddl;
  private volatile boolean closed;
  private final SystemCatalog system = new SystemCatalog();
  private final List<AutoCloseable> extensions = new ArrayList<>();
  private final List<Consumer<CatalogEvent>> catalogListeners = new CopyOnWriteArrayList<>();
  private DataDirectoryLock directoryLock;
  private volatile io.thermocline.engine.backup.Backups backups;

  private Database(DatabaseOptions options, ColdStore coldStore) {
    this.dataDirectory = options.dataDirectory();
    this.config = options.config();
    this.coldStore = coldStore;
    this.coldFileMinRows = config.get(EngineSettings.COLD_FILE_MIN_ROWS);
    this.checkpointLogBytes = config.get(EngineSettings.CHECKPOINT_LOG_BYTES);
    this.autocommitRetries = config.get(EngineSettings.AUTOCOMMIT_RETRIES);
    this.catalog = Catalog.load(new ColdCatalogStore(coldStore.catalog()));
    this.log = CommitLog.open(dataDirectory, config);
    try {
      Map<String, HybridTable> loaded = loadTables();
      this.tables = new LiveTables(loaded);
      RestartReplay replay = RestartReplay.recover(dataDirectory, log, loaded::get);
      this.restart = replay;
      long last = Math.max(replay.lastCid(), catalog.reservedCommitId());
      for (TableDefinition d : catalog.tables()) {
        last = Math.max(last, Math.max(d.createdCid(), d.rewriteCid()));
      }
      this.clock = CommitClock.continuingAfter(last);
      long k0 = System.nanoTime();
      long keys = KeySetRebuild.rebuild(loaded.values(), last);
      this.keyFillTimings =
          String.format(
              Locale.ROOT, "key sets %d keys %d ms", keys, (System.nanoTime() - k0) / 1_000_000);
    } catch (RuntimeException | Error e) {
      log.close();
      throw e;
    }
    this.snapshots = new SnapshotRegistry(clock);
    this.ddl = new TableDdl(clock, gate, catalog, coldStore, log, config, tables, this::newTable);
    this.committer = new Committer(clock, gate, this::current, log);
    this.mover = new Mover(clock, gate, log);
    this.maintenance =
        new Maintenance(
            tables::all,
            snapshots::oldestLive,
            new MaintenancePolicy(
                config.get(HotStoreSettings.MERGE_DELTA_ROWS),
                config.get(EngineSettings.COLD_COMPACTION_CHANGES),
                config.get(EngineSettings.COLD_COMPACTION_FILES),
                config.get(EngineSettings.MAINTENANCE_INTERVAL_MS),
                config.get(EngineSettings.MAINTENANCE_ENABLED)),
            this::checkpointIfDue);
  }

  static Database open(DatabaseOptions options) {
    try {
      Files.createDirectories(options.dataDirectory());
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR,
          "cannot create the data directory " + options.dataDirectory() + ": " + e.getMessage(),
          e);
    }
    DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDirectory());
    Database db;
    try {
      ColdStoreOptions cold =
          options
              .coldOptions()
              .apply(ColdStoreOptions.of(options.dataDirectory()).withConfig(options.config()));
      ColdStore store = ColdStore.open(cold);
      try {
        db = new Database(options, store);
      } catch (RuntimeException | Error e) {
        store.close();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
    db.directoryLock = lock;
    try {
      io.thermocline.engine.system.views.EngineViews.register(db);
      db.backups = io.thermocline.engine.backup.Backups.attach(db);
      db.attachExtensions();
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    return db;
  }

  private void attachExtensions() {
    if (!config.get(EngineSettings.EXTENSIONS_ENABLED)) {
      return;
    }
    for (DatabaseExtension e : ServiceLoader.load(DatabaseExtension.class)) {
      extensions.add(e.attach(this));
    }
  }

  /**
   * The system views and procedures registered on this database (by the engine itself and by {@link
   * DatabaseExtension}s): what SQL shows as the SYS schema and runs with CALL.
   */
  public SystemCatalog system() {
    return system;
  }

  /** Builds the table objects of the catalog; drops cold tables the catalog does not know. */
  private Map<String, HybridTable> loadTables() {
    Map<String, HybridTable> out = new TreeMap<>();
    Set<String> coldNames = new HashSet<>();
    for (TableDefinition d : catalog.tables()) {
      ColdTable cold = null;
      if (d.hasCold()) {
        cold = coldStore.table(d.name(), d.schema(), d.coldPartitioning());
        coldNames.add(d.name());
      }
      out.put(d.name(), newTable(d, cold));
    }
    for (String name : coldStore.tableNames()) {
      if (!coldNames.contains(name)) {
        // Left by a CREATE or DROP cut short: the catalog is the authority on which tables exist.
        coldStore.dropTable(name);
      }
    }
    return out;
  }

  private HybridTable newTable(TableDefinition d, ColdTable cold) {
    ColumnPartition hot = d.hasHot() ? SeriesTables.hotPartition(d, config) : null;
    return new HybridTable(d, hot, cold, SeriesTables.keySet(d), coldFileMinRows);
  }

  // ---------------------------------------------------------------- sessions and tables

  /** A new session (one user connection). */
  public Session session() {
    checkOpen();
    Session s = new Session(this, sessionIds.incrementAndGet());
    sessions.put(s.id(), s);
    return s;
  }

  /** Sessions open now. */
  public int sessionCount() {
    return sessions.size();
  }

  /** The sessions open now, by id (a copy): what SYS.SESSIONS shows. */
  public List<Session> openSessions() {
    return List.copyOf(new TreeMap<>(sessions).values());
  }

  /**
   * The table named {@code name} (exactly, else ignoring case), for its definition and tiers; read
   * and write rows through a {@link Session}, statistics through {@link #tableStats}.
   */
  public HybridTable table(String name) {
    checkOpen();
    return lookup(name);
  }

  /** Every table's definition, sorted by name. */
  public List<TableDefinition> tables() {
    List<TableDefinition> out = new ArrayList<>();
    for (HybridTable t : tables.all()) {
      out.add(t.definition());
    }
    return out;
  }

  /** Rows per tier at the newest snapshot and the tiers' physical state. */
  public TableStats tableStats(String name) {
    HybridTable t = table(name);
    long s = snapshots.register();
    try {
      return t.stats(s);
    } finally {
      snapshots.unregister(s);
    }
  }

  // ---------------------------------------------------------------- DDL

  /**
   * Creates a table (see {@link TableDefinition}); returns the definition as stored. A hybrid table
   * gets its aging flag column appended when the schema lacks it.
   */
  public TableDefinition createTable(TableDefinition request) {
    checkOpen();
    TableDefinition d = ddl.create(request);
    notifyCatalog(new CatalogEvent(CatalogEvent.Kind.CREATED, d.name(), d));
    return d;
  }

  /** Applies one ALTER TABLE change; returns the new definition. */
  public TableDefinition alterTable(String name, TableChange change) {
    checkOpen();
    TableDefinition after = ddl.alter(name, change);
    notifyCatalog(new CatalogEvent(CatalogEvent.Kind.ALTERED, after.name(), after));
    return after;
  }

  /** Drops a table with all its rows in both tiers. */
  public void dropTable(String name) {
    checkOpen();
    String dropped = ddl.drop(name);
    notifyCatalog(new CatalogEvent(CatalogEvent.Kind.DROPPED, dropped, null));
  }

  /**
   * Registers {@code listener} for committed CREATE/ALTER/DROP TABLE (called on the DDL's thread
   * after the commit lock is released; a failing listener is logged, the DDL stands). Closing the
   * returned handle removes it.
   */
  public AutoCloseable addCatalogListener(Consumer<CatalogEvent> listener) {
    catalogListeners.add(listener);
    return () -> catalogListeners.remove(listener);
  }

  private void notifyCatalog(CatalogEvent event) {
    for (Consumer<CatalogEvent> l : catalogListeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Database.class)
            .warn("a catalog listener failed on " + event, e);
      }
    }
  }

  // ---------------------------------------------------------------- moves and maintenance

  /**
   * Moves up to {@code maxRows} rows of a hybrid table whose aging flag disagrees with their tier
   * ({@link MoveDirection#TO_COLD}: flag TRUE, in the hot tier; {@link MoveDirection#TO_HOT}: flag
   * FALSE, in the cold tier), as one commit; returns the rows moved (0 when none is left). A cold
   * tier failure rolls the batch back and is reported as {@code COLD_TIER_UNAVAILABLE}.
   */
  public long moveBatch(String table, MoveDirection direction, int maxRows) {
    checkOpen();
    return mover.move(lookup(table), direction, maxRows);
  }

  /**
   * Flag-and-move (aging): as {@link #moveBatch(String, MoveDirection, int)} to the cold tier, but
   * also selects the hot rows matching {@code alsoMatching} (the aging rule minus held rows; null:
   * none) and writes them to cold with the flag TRUE, in the same single commit; no UPDATE and no
   * second row version. Only {@link MoveDirection#TO_COLD} takes a filter.
   */
  public long moveBatch(
      String table,
      MoveDirection direction,
      int maxRows,
      io.thermocline.common.expr.Expr alsoMatching) {
    checkOpen();
    return mover.move(lookup(table), direction, maxRows, alsoMatching);
  }

  /** The oldest snapshot a reader or transaction still holds (or the newest commit). */
  public long oldestLiveSnapshot() {
    return snapshots.oldestLive();
  }

  /** The newest committed commit id: the snapshot a new reader gets. */
  public long lastCommitted() {
    return clock.lastCommitted();
  }

  /** Merges every hot delta and compacts every cold table now, bounded by the oldest snapshot. */
  public MaintenanceReport runMaintenance() {
    checkOpen();
    return maintenance.runOnce(true);
  }

  /** The background maintenance (counters, last failure). */
  public Maintenance maintenance() {
    return maintenance;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public Config config() {
    return config;
  }

  // ---------------------------------------------------------------- internals for the package

  Transaction newTransaction(Session session) {
    checkOpen();
    return new Transaction(this, session, snapshots.register());
  }

  Committer committer() {
    return committer;
  }

  SnapshotRegistry snapshots() {
    return snapshots;
  }

  int autocommitRetries() {
    return autocommitRetries;
  }

  void sessionClosed(Session s) {
    sessions.remove(s.id());
  }

  HybridTable lookup(String name) {
    return tables.lookup(name);
  }

  /**
   * Writes a checkpoint of the hot tier at the newest commit id while writers go on (the rows are
   * read at a registered snapshot), then deletes the log segments it covers. Returns its commit id.
   * The commit lock is held only to pick the id and the LSN, after every commit that released the
   * lock to wait for its log records published ({@link CommitClock#whileLocked}), so the id's
   * records are all acknowledged and the LSN covers exactly them.
   */
  public long checkpoint() {
    checkOpen();
    synchronized (checkpointLock) {
      gate.check(); // an in-doubt cold commit needs its intent record: keep the log
      Object[] at =
          clock.whileLocked(
              () ->
                  new Object[] {
                    snapshots.register(), log.acknowledgedLsn(), List.copyOf(tables.all())
                  });
      long cid = (Long) at[0];
      long bytes = log.wal().stats().bytes();
      try {
        @SuppressWarnings("unchecked")
        List<HybridTable> all = (List<HybridTable>) at[2];
        HotCheckpoint.write(
            dataDirectory, cid, (Long) at[1] + 1, log.lastTimeMicros(), HotCheckpoint.withHot(all));
        log.truncateBefore((Long) at[1] + 1);
        logBytesAtCheckpoint = bytes;
        return cid;
      } finally {
        snapshots.unregister(cid);
      }
    }
  }

  /** A checkpoint once {@code engine.checkpoint.log.bytes} were logged since the last one. */
  private void checkpointIfDue() {
    if (checkpointLogBytes > 0
        && !closed
        && log.wal().stats().bytes() - logBytesAtCheckpoint >= checkpointLogBytes) {
      checkpoint();
    }
  }

  /** What restart recovery decided about commits the last crash left in doubt (oldest first). */
  public List<Resolution> recoveryResolutions() {
    return restart.resolutions();
  }

  /**
   * Where the last open's restart recovery spent its time (log, checkpoint, replayed rows, key
   * sets).
   */
  public String restartTimings() {
    return restart.timings() + ", " + keyFillTimings;
  }

  /** How many commit records the last open re-applied to the hot tier. */
  public long replayedCommits() {
    return restart.replayed();
  }

  /** Full and log backups of this database, their catalog and verify (see {@code Backups}). */
  public io.thermocline.engine.backup.Backups backups() {
    checkOpen();
    return backups;
  }

  /**
   * Runs {@code action} under the commit lock (no commit in progress, so tiers, catalog and log
   * agree on the newest commit id): a backup fixes its image this way. Keep {@code action} short.
   */
  public <T> T whileCommitLocked(java.util.function.Supplier<T> action) {
    return clock.whileLocked(action);
  }

  /**
   * Runs {@code action} while no checkpoint runs, so the hot checkpoint file and the log segments
   * after it stay as they are (a backup links both). Waits for a running checkpoint; the lock is
   * taken before the commit lock, as {@link #checkpoint} takes them.
   */
  public <T> T whileCheckpointLocked(java.util.function.Supplier<T> action) {
    synchronized (checkpointLock) {
      return action.get();
    }
  }

  /** Registers the newest commit id as a snapshot and returns it; pair with releaseSnapshot. */
  public long pinSnapshot() {
    return snapshots.register();
  }

  /** Releases a snapshot of {@link #pinSnapshot}. */
  public void releaseSnapshot(long snapshot) {
    snapshots.unregister(snapshot);
  }

  /** The cold tier (backups copy its metadata and files). */
  public ColdStore coldStore() {
    return coldStore;
  }

  /** The engine's write-ahead log. */
  public CommitLog commitLog() {
    return log;
  }

  private HybridTable current(String name) {
    return tables.get(name);
  }

  void checkOpen() {
    if (closed) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "the database at " + dataDirectory + " is closed");
    }
  }

  /** Stops maintenance, releases the hot partitions and closes the cold store. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = extensions.size() - 1; i >= 0; i--) {
      try {
        extensions.get(i).close();
      } catch (Exception e) {
        // An extension failing to stop must not keep the engine's files open.
        org.slf4j.LoggerFactory.getLogger(Database.class).warn("closing an extension failed", e);
      }
    }
    if (backups != null) {
      try {
        backups.close();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(Database.class).warn("closing backups failed", e);
      }
    }
    maintenance.close();
    Collection<HybridTable> all = tables.all();
    for (HybridTable t : all) {
      t.retire(clock.lastCommitted(), true);
    }
    try {
      log.close();
    } finally {
      try {
        coldStore.close();
      } finally {
        if (directoryLock != null) {
          directoryLock.close();
        }
      }
    }
  }
}

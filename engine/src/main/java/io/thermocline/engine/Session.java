package io.thermocline.engine;

import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.engine.catalog.TableChange;
import io.thermocline.engine.catalog.TableDefinition;
import io.thermocline.engine.txn.RowTransform;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One user connection to a database: explicit transactions ({@link #begin}) and autocommit
 * statements, each its own transaction (an autocommit UPDATE or DELETE that loses a write-write
 * conflict is retried on a fresh snapshot up to {@code engine.autocommit.retries} times). While an
 * explicit transaction is open, autocommit statements are refused: use the transaction.
 *
 * <p>Not thread-safe: one thread at a time, as a JDBC connection. Closing it rolls back an open
 * transaction.
 */
public final class Session implements AutoCloseable {
  private final Database db;
  private final long id;
  private Transaction current;
  private boolean closed;
  private final java.time.Instant started = java.time.Instant.now();
  // Set by the layer that authenticated the connection (SQL server); shown in SYS.SESSIONS.
  private volatile String user;

  Session(Database db, long id) {
    this.db = db;
    this.id = id;
  }

  /** The session's number, unique within the database's lifetime. */
  public long id() {
    return id;
  }

  /** When the session was opened. */
  public java.time.Instant started() {
    return started;
  }

  /** The user the session runs for, as the connecting layer named it; null when unknown. */
  public String user() {
    return user;
  }

  /** Names the session's user (for SYS.SESSIONS); the engine itself does not check it. */
  public void setUser(String user) {
    this.user = user;
  }

  /** Starts a transaction reading the newest snapshot; one at a time per session. */
  public Transaction begin() {
    checkIdle();
    current = db.newTransaction(this);
    return current;
  }

  /** The open explicit transaction, or null. */
  public Transaction current() {
    return current;
  }

  void ended(Transaction t) {
    if (current == t) {
      current = null;
    }
  }

  // ---------------------------------------------------------------- autocommit DML

  public long insert(String table, Object... values) {
    return write(tx -> tx.insert(table, values), false);
  }

  public long insertRows(String table, List<Object[]> rows) {
    return write(tx -> tx.insertRows(table, rows), false);
  }

  /** The bulk path: one batch of storage values (see {@link Transaction#insertBatch}). */
  public long insertBatch(String table, ColumnBatch batch) {
    return write(tx -> tx.insertBatch(table, batch), false);
  }

  public long update(String table, Expr filter, Map<String, Object> assignments) {
    return write(tx -> tx.update(table, filter, assignments), true);
  }

  public long update(String table, Expr filter, RowTransform change) {
    return write(tx -> tx.update(table, filter, change), true);
  }

  public long delete(String table, Expr filter) {
    return write(tx -> tx.delete(table, filter), true);
  }

  private long write(Function<Transaction, Long> statement, boolean retryConflicts) {
    checkIdle();
    int retries = retryConflicts ? db.autocommitRetries() : 0;
    for (int attempt = 0; ; attempt++) {
      try (Transaction tx = db.newTransaction(null)) {
        long n = statement.apply(tx);
        tx.commit();
        return n;
      } catch (ThermoException e) {
        if (e.code() != ErrorCode.SERIALIZATION_FAILURE || attempt >= retries) {
          throw e;
        }
      }
    }
  }

  // ---------------------------------------------------------------- autocommit reads

  /**
   * The rows matching {@code filter} at the newest snapshot, projected to {@code columns} (null:
   * all). The snapshot stays registered until the cursor is closed: close it.
   */
  public BatchCursor scan(String table, List<String> columns, Expr filter) {
    checkIdle();
    Transaction tx = db.newTransaction(null);
    try {
      BatchCursor c = tx.scan(table, columns, filter);
      return new BatchCursor() {
        @Override
        public ColumnBatch next() {
          return c.next();
        }

        @Override
        public void close() {
          tx.rollback();
        }
      };
    } catch (RuntimeException e) {
      tx.rollback();
      throw e;
    }
  }

  /** All matching rows at the newest snapshot, as storage values. For small results and tests. */
  public List<Object[]> rows(String table, List<String> columns, Expr filter) {
    checkIdle();
    try (Transaction tx = db.newTransaction(null)) {
      return tx.rows(table, columns, filter);
    }
  }

  public AggregateResult aggregate(String table, Expr filter, AggregateSpec spec) {
    checkIdle();
    try (Transaction tx = db.newTransaction(null)) {
      return tx.aggregate(table, filter, spec);
    }
  }

  public long count(String table, Expr filter) {
    checkIdle();
    try (Transaction tx = db.newTransaction(null)) {
      return tx.count(table, filter);
    }
  }

  // ---------------------------------------------------------------- DDL (autocommit)

  public TableDefinition createTable(TableDefinition definition) {
    checkIdle();
    return db.createTable(definition);
  }

  public TableDefinition alterTable(String table, TableChange change) {
    checkIdle();
    return db.alterTable(table, change);
  }

  public void dropTable(String table) {
    checkIdle();
    db.dropTable(table);
  }

  private void checkIdle() {
    if (closed) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "session " + id + " is closed");
    }
    if (current != null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "session "
              + id
              + " has an open transaction (snapshot "
              + current.snapshot()
              + "); commit or roll it back first");
    }
  }

  /** Rolls back an open transaction. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (current != null) {
      current.rollback();
    }
    db.sessionClosed(this);
  }
}

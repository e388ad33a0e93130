package io.thermocline.sql.jdbc;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateResult;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.engine.Database;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Transaction;
import io.thermocline.sql.schema.TableReader;
import java.util.List;
import java.util.function.Function;

/**
 * The engine side of one JDBC connection: its session and, with autocommit off, the transaction
 * every statement joins (begun lazily by the first statement, ended by commit or rollback).
 *
 * <p>Not thread-safe, like a JDBC connection: one statement at a time.
 */
public final class SessionState implements TableReader, AutoCloseable {
  private final Database database;
  private final Session session;
  private boolean autoCommit = true;
  private Transaction transaction;

  SessionState(Database database, String user) {
    this.database = database;
    this.session = database.session();
    session.setUser(user);
  }

  public Database database() {
    return database;
  }

  /** The session for DDL, which the engine runs in autocommit. */
  public Session session() {
    return session;
  }

  boolean autoCommit() {
    return autoCommit;
  }

  /** JDBC semantics: switching autocommit on commits the open transaction. */
  void setAutoCommit(boolean on) {
    if (on && !autoCommit) {
      commit();
    }
    autoCommit = on;
  }

  void commit() {
    if (transaction != null) {
      Transaction t = transaction;
      transaction = null;
      t.commit();
    }
  }

  void rollback() {
    if (transaction != null) {
      Transaction t = transaction;
      transaction = null;
      t.rollback();
    }
  }

  /**
   * Runs a write in the open transaction, or as its own autocommit transaction, retried on a fresh
   * snapshot after a write-write conflict as the engine's own autocommit statements are.
   */
  public long write(Function<Transaction, Long> statement) {
    if (!autoCommit) {
      return statement.apply(transaction());
    }
    int retries = database.config().get(EngineSettings.AUTOCOMMIT_RETRIES);
    for (int attempt = 0; ; attempt++) {
      try (Transaction t = session.begin()) {
        long n = statement.apply(t);
        t.commit();
        return n;
      } catch (ThermoException e) {
        if (e.code() != ErrorCode.SERIALIZATION_FAILURE || attempt >= retries) {
          throw e;
        }
      }
    }
  }

  @Override
  public BatchCursor scan(String table, List<String> columns, Expr filter) {
    if (!autoCommit) {
      return transaction().scan(table, columns, filter);
    }
    return session.scan(table, columns, filter);
  }

  @Override
  public AggregateResult aggregate(String table, Expr filter, AggregateSpec spec) {
    if (!autoCommit) {
      return transaction().aggregate(table, filter, spec);
    }
    return session.aggregate(table, filter, spec);
  }

  private Transaction transaction() {
    if (transaction == null || !transaction.isOpen()) {
      transaction = session.begin();
    }
    return transaction;
  }

  @Override
  public void close() {
    transaction = null;
    session.close();
  }
}

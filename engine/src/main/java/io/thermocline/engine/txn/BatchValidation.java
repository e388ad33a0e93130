package io.thermocline.engine.txn;

import io.thermocline.common.batch.BatchValidator;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.schema.Schema;

/**
 * Checks storage values against a table's schema when they are handed to a transaction, so a bad
 * batch or updated row fails its statement instead of the commit. The checks themselves are {@link
 * BatchValidator}'s, the same the hot partition applies. Stateless.
 */
final class BatchValidation {
  private BatchValidation() {}

  static void check(String table, Schema schema, ColumnBatch batch) {
    BatchValidator.checkBatch(table, schema, batch);
  }

  /** Checks one row (the result of an update's transform); the row number in messages is 0. */
  static void checkRow(String table, Schema schema, Object[] row) {
    BatchValidator.checkRow(table, schema, row, 0);
  }
}

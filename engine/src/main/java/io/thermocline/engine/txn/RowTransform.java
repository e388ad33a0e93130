package io.thermocline.engine.txn;

/**
 * The new values of an updated row: gets a copy of the row's storage values (schema order) and
 * returns the new row (it may change and return the copy). Called on the transaction's thread.
 */
@FunctionalInterface
public interface RowTransform {
  Object[] apply(Object[] row);
}

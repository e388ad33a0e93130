package io.thermocline.recovery.wal;

/**
 * One log record as replay hands it out. The payload array belongs to the receiver. Immutable by
 * convention (the array is not copied again).
 *
 * @param lsn log sequence number, dense and increasing from 1
 * @param txn the transaction the record belongs to (opaque to the log)
 * @param type the record kind, 1..255 (opaque to the log; the engine defines the kinds)
 * @param payload the record's bytes
 */
public record WalRecord(long lsn, long txn, int type, byte[] payload) {}

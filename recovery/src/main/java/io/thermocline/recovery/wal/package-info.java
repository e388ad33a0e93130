/**
 * The write-ahead log: CRC32C-framed records in LSN-named segment files, group commit by one
 * flusher thread, fsync policies, recovery that cuts a torn tail and refuses corrupted sealed
 * segments. Must not interpret record payloads (the engine owns their meaning) nor touch files
 * except through {@link io.thermocline.common.io.FileIO}.
 */
package io.thermocline.recovery.wal;

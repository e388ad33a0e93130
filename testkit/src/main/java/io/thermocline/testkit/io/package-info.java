/**
 * Fault-injecting file I/O for tests: a {@link io.thermocline.common.io.FileIO} wrapper that fails
 * operations on demand, fills the disk, corrupts bytes and simulates a crash that loses unsynced
 * data. Never used by production code; it must not change what the wrapped FileIO stores unless
 * told.
 */
package io.thermocline.testkit.io;

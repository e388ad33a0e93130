/**
 * Durability of the engine: commit records in the write-ahead log and restart by replay. Must not
 * apply changes to live tables outside the commit lock or the constructor of a database.
 */
package io.thermocline.engine.durability;

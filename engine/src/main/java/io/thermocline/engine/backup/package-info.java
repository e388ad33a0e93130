/**
 * Online backups of a database: a consistent image of both tiers at one commit id, log backups, the
 * BACKUP procedure and BACKUPS view, restore into an empty data directory and point-in-time
 * recovery. Must not write into a live data directory other than its own staging area, and leaves
 * file formats and hashing to {@code io.thermocline.recovery.backup}.
 */
package io.thermocline.engine.backup;

/**
 * Write-ahead log, checkpoints, backup/restore, point-in-time recovery.
 *
 * <p>Placeholder until its issue fills it; see DESIGN.md section 1 for what this module owns.
 */
package io.thermocline.recovery;

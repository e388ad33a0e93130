/**
 * The aging service: Quartz-scheduled runs of each hybrid table's aging policy (flag by rule, then
 * move flagged rows between the tiers), persisted holds, run history, metrics, manual and dry runs,
 * and their SYS procedures and views. It must not touch tier storage directly: every change goes
 * through the engine's Session and moveBatch.
 */
package io.thermocline.aging;

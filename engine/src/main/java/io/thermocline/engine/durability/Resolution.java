package io.thermocline.engine.durability;

/**
 * One decision restart recovery made about a commit the crash left in doubt, for the log and the
 * SYS view of the SQL layer: {@code action} is {@code UNDONE} (an intent without a commit record:
 * its cold changes were rolled back), {@code REPLAYED} (a commit record re-applied to the hot
 * tier), {@code MISMATCH} (a logged ended row had no visible twin), or {@code TAIL_CUT} (a torn log
 * tail was removed). Immutable.
 */
public record Resolution(long cid, String action, String detail) {}

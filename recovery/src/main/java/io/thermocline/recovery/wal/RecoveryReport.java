package io.thermocline.recovery.wal;

/**
 * What opening the log found. A torn tail (an append the crash interrupted, never acknowledged as
 * durable) is cut and described here; corruption elsewhere is a {@link
 * io.thermocline.common.error.CorruptFileException} instead. Immutable.
 *
 * @param segments how many segment files the log holds after recovery
 * @param firstLsn LSN of the oldest record kept
 * @param lastLsn LSN of the newest valid record (firstLsn - 1 if the log is empty)
 * @param cutSegment the segment whose tail was cut (or that was removed), or null if none
 * @param cutOffset where the cut was made
 * @param bytesDropped how many bytes the cut removed
 * @param reason why the first dropped byte was invalid, or null
 */
public record RecoveryReport(
    int segments,
    long firstLsn,
    long lastLsn,
    String cutSegment,
    long cutOffset,
    long bytesDropped,
    String reason) {

  /** Whether recovery removed a torn tail. */
  public boolean tailCut() {
    return cutSegment != null;
  }

  @Override
  public String toString() {
    String base = "WAL recovered: " + segments + " segment(s), LSN " + firstLsn + ".." + lastLsn;
    if (!tailCut()) {
      return base + ", clean tail";
    }
    return base
        + ", torn tail cut in "
        + cutSegment
        + " at offset "
        + cutOffset
        + " ("
        + bytesDropped
        + " bytes dropped: "
        + reason
        + ")";
  }
}

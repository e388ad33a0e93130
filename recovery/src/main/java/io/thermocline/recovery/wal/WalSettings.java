package io.thermocline.recovery.wal;

import io.thermocline.common.config.Config;
import io.thermocline.common.config.Setting;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.List;

/**
 * The write-ahead log's settings, declared once with defaults and validators. Stateless; {@link
 * #from(Config)} reads a validated, immutable snapshot.
 *
 * @param fsyncPolicy when records are forced to disk before acknowledgement
 * @param fsyncIntervalMs the BATCH bound: the longest an acknowledged record stays unsynced
 * @param segmentBytes the size at which the log rolls to a new segment file
 * @param writeBatchBytes the most bytes written (and left unsynced) per group; bounds a torn tail
 * @param recordMaxBytes the largest payload one record may carry
 */
public record WalSettings(
    FsyncPolicy fsyncPolicy,
    long fsyncIntervalMs,
    long segmentBytes,
    int writeBatchBytes,
    int recordMaxBytes) {

  /** Validates every value as the setting declares it, however the record was built. */
  public WalSettings {
    if (fsyncPolicy == null) {
      throw new ThermoException(ErrorCode.INVALID_CONFIG, FSYNC_POLICY.name() + " is null");
    }
    FSYNC_INTERVAL_MS.validate(fsyncIntervalMs);
    SEGMENT_BYTES.validate(segmentBytes);
    WRITE_BATCH_BYTES.validate(writeBatchBytes);
    RECORD_MAX_BYTES.validate(recordMaxBytes);
  }

  public static final Setting<FsyncPolicy> FSYNC_POLICY =
      Setting.enumSetting(
          "wal.fsync.policy",
          FsyncPolicy.class,
          FsyncPolicy.SYNC,
          "SYNC: fsync before acknowledging each commit (group commit shares fsyncs);"
              + " BATCH: acknowledge after write, fsync every wal.fsync.interval.ms");

  public static final Setting<Long> FSYNC_INTERVAL_MS =
      Setting.longSetting(
          "wal.fsync.interval.ms",
          10,
          1,
          60_000,
          "BATCH policy only: fsync at most this often; acknowledged records are durable within it");

  public static final Setting<Long> SEGMENT_BYTES =
      Setting.longSetting(
          "wal.segment.bytes",
          64L << 20,
          4096,
          1L << 30,
          "roll to a new log segment file once the active one reaches this size");

  public static final Setting<Integer> WRITE_BATCH_BYTES =
      Setting.intSetting(
          "wal.write.batch.bytes",
          1 << 20,
          4096,
          256 << 20,
          "most bytes one group commit writes before an fsync; bounds how much a crash can tear");

  public static final Setting<Integer> RECORD_MAX_BYTES =
      Setting.intSetting(
          "wal.record.max.bytes",
          // A big commit streams its rows as records of wal.commit.chunk.bytes, so no record needs
          // to be huge; the cap also bounds the torn tail recovery may cut from the last segment.
          16 << 20,
          1024,
          256 << 20,
          "largest payload of one log record; larger appends are refused");

  public static final Setting<Integer> COMMIT_CHUNK_BYTES =
      Setting.intSetting(
          "wal.commit.chunk.bytes",
          4 << 20,
          512,
          128 << 20,
          "a commit whose logged rows exceed this many bytes is logged as several row records of"
              + " about this size followed by its commit record; at most half of"
              + " wal.record.max.bytes");

  /** Every setting of the log, for {@link Config#parse}. */
  public static List<Setting<?>> all() {
    return List.of(
        FSYNC_POLICY,
        FSYNC_INTERVAL_MS,
        SEGMENT_BYTES,
        WRITE_BATCH_BYTES,
        RECORD_MAX_BYTES,
        COMMIT_CHUNK_BYTES);
  }

  public static WalSettings from(Config config) {
    return new WalSettings(
        config.get(FSYNC_POLICY),
        config.get(FSYNC_INTERVAL_MS),
        config.get(SEGMENT_BYTES),
        config.get(WRITE_BATCH_BYTES),
        config.get(RECORD_MAX_BYTES));
  }

  /**
   * The most bytes that can follow the last fsync in the active segment: one write group, or one
   * record larger than a group. Recovery treats damage within this distance of the end of the last
   * segment as a torn tail and anything earlier as corruption.
   */
  long tornTailBound() {
    return Math.max(writeBatchBytes, RecordFrame.frameLength(recordMaxBytes));
  }
}

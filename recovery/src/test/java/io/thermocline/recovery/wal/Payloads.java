package io.thermocline.recovery.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic record payloads for log tests: content derived from a key, length varying. */
final class Payloads {
  private Payloads() {}

  /** A payload of {@code length} bytes whose content depends on {@code key}. */
  static byte[] of(long key, int length) {
    byte[] b = new byte[length];
    Random r = new Random(key * 0x9E3779B97F4A7C15L);
    r.nextBytes(b);
    return b;
  }

  /** A payload for {@code key} with a length between 0 and {@code maxLength}, fixed by the key. */
  static byte[] varying(long key, int maxLength) {
    return of(key, (int) Math.floorMod(key * 31 + 7, (long) maxLength + 1));
  }

  /** Every record of the log, in order. */
  static List<WalRecord> all(WriteAheadLog wal) {
    List<WalRecord> out = new ArrayList<>();
    wal.replay(0, out::add);
    return out;
  }

  /** Asserts that {@code records} are LSNs {@code first..last}, each with the varying payload. */
  static void assertVarying(List<WalRecord> records, long first, long last, int maxLength) {
    assertThat(records).hasSize((int) (last - first + 1));
    for (int i = 0; i < records.size(); i++) {
      WalRecord r = records.get(i);
      long lsn = first + i;
      assertThat(r.lsn()).isEqualTo(lsn);
      assertThat(r.payload()).as("payload of LSN %d", lsn).isEqualTo(varying(lsn, maxLength));
    }
  }
}

package io.thermocline.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger of a crash test: acknowledged writes, the one in flight, ids never reused. */
class AcknowledgedWritesTest {
  @Test
  void acknowledgedWritesAndTheOneInFlightGiveTheTwoAllowedStates() {
    AcknowledgedWrites w = new AcknowledgedWrites();
    w.read(
        List.of(
            "OPEN at cid 0",
            "BEGIN INS 1 3",
            "ACK 5 INS 1 3",
            "BEGIN UPD 2 99",
            "ACK 6 UPD 2 99",
            "BEGIN DEL 3 0",
            "ACK 7 DEL 3 0",
            "BEGIN UPD 42 1",
            "FAIL UPD 42 1",
            "MOVE 10",
            "BEGIN INS 4 2"));
    assertThat(w.expected()).isEqualTo(Map.of(1L, 7L, 2L, 99L));
    assertThat(w.withInFlight()).isEqualTo(Map.of(1L, 7L, 2L, 99L, 4L, 28L, 5L, 35L));
    assertThat(w.inFlight()).isEqualTo("BEGIN INS 4 2");
    assertThat(w.lastAcked()).isEqualTo(7);
    assertThat(w.acks()).isEqualTo(3);
    assertThat(w.allows(Map.of(1L, 7L, 2L, 99L))).isTrue();
    assertThat(w.allows(Map.of(1L, 7L, 2L, 99L, 4L, 28L, 5L, 35L))).isTrue();
    assertThat(w.allows(Map.of(1L, 7L, 2L, 99L, 4L, 28L))).as("half an insert").isFalse();
    assertThat(w.mismatch(Map.of(1L, 7L))).contains("missing {2=99}");
    // The in-flight insert was undone: its ids are not handed out again.
    w.accept(Map.of(1L, 7L, 2L, 99L));
    assertThat(w.inFlight()).isNull();
    assertThat(w.nextId()).isEqualTo(6);
    assertThat(w.expected()).isEqualTo(Map.of(1L, 7L, 2L, 99L));
  }
}

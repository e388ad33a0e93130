package io.thermocline.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit record's payload: round trip of every storage value, versions, damage. */
class CommitRecordTest {
  private static final CommitRecord SAMPLE =
      new CommitRecord(
          CommitRecord.Kind.COMMIT,
          42,
          List.of(
              new CommitRecord.TableChanges(
                  "t",
                  3,
                  List.<Object[]>of(new Object[] {1L, null, "é"}),
                  List.<Object[]>of(new Object[] {2L, 1.5, ""}, new Object[] {null, -0.0, "x"}))));

  @Test
  void roundTripsEveryStorageValue() {
    CommitRecord back = CommitRecord.decode(SAMPLE.encode(), "test");
    assertThat(back.kind()).isEqualTo(CommitRecord.Kind.COMMIT);
    assertThat(back.cid()).isEqualTo(42);
    CommitRecord.TableChanges t = back.tables().get(0);
    assertThat(t.table()).isEqualTo("t");
    assertThat(t.ended()).hasSize(1);
    assertThat(Arrays.asList(t.ended().get(0))).containsExactly(1L, null, "é");
    assertThat(Arrays.asList(t.inserted().get(1))).containsExactly(null, -0.0, "x");
  }

  @Test
  void refusesANewerVersionAndATruncatedPayload() {
    byte[] bytes = SAMPLE.encode();
    byte[] newer = bytes.clone();
    newer[0] = 2;
    assertThatThrownBy(() -> CommitRecord.decode(newer, "LSN 7"))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT_TOO_NEW))
        .hasMessageContaining("LSN 7");
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> CommitRecord.decode(cut, "LSN 8"))
        .isInstanceOfSatisfying(
            ThermoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_FILE))
        .hasMessageContaining("LSN 8");
  }
}

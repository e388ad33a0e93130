package io.thermocline.engine.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit record's payload: round trip of every storage value, versions, damage, chunking. */
class CommitRecordTest {
  private static final CommitRecord SAMPLE =
      new CommitRecord(
          CommitRecord.Kind.COMMIT,
          42,
          1_700_000_000_123_456L,
          List.of(
              new CommitRecord.TableChanges(
                  "t",
                  3,
                  List.<Object[]>of(new Object[] {1L, null, "é"}),
                  List.<Object[]>of(new Object[] {2L, 1.5, ""}, new Object[] {null, -0.0, "x"}))));

  @Test
  void roundTripsEveryStorageValueAndTheCommitTime() {
    CommitRecord back = CommitRecord.decode(SAMPLE.encode(), "test");
    assertThat(back.kind()).isEqualTo(CommitRecord.Kind.COMMIT);
    assertThat(back.cid()).isEqualTo(42);
    assertThat(back.commitTimeMicros()).isEqualTo(1_700_000_000_123_456L);
    CommitRecord.TableChanges t = back.tables().get(0);
    assertThat(t.table()).isEqualTo("t");
    assertThat(t.ended()).hasSize(1);
    assertThat(Arrays.asList(t.ended().get(0))).containsExactly(1L, null, "é");
    assertThat(Arrays.asList(t.inserted().get(1))).containsExactly(null, -0.0, "x");
  }

  @Test
  void readsTheFirstVersionWithoutATime() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(CommitRecord.VERSION_START);
      out.writeByte(CommitRecord.Kind.COMMIT.ordinal());
      out.writeLong(7);
      out.writeInt(1);
      CommitRecord.writeString(out, "t");
      out.writeInt(1);
      CommitRecord.writeRows(out, List.<Object[]>of(), 1);
      CommitRecord.writeRows(out, List.<Object[]>of(new Object[] {5L}), 1);
    }
    CommitRecord back = CommitRecord.decode(bytes.toByteArray(), "v1");
    assertThat(back.cid()).isEqualTo(7);
    assertThat(back.commitTimeMicros()).isZero();
    assertThat(back.tables().get(0).inserted().get(0)).containsExactly(5L);
  }

  @Test
  void refusesANewerVersionAndATruncatedPayload() {
    byte[] bytes = SAMPLE.encode();
    assertThat(bytes[0]).isEqualTo((byte) CommitRecord.VERSION_COMMIT_TIME);
    byte[] newer = bytes.clone();
    newer[0] = (byte) (CommitRecord.VERSION + 1);
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

  @Test
  void aBigCommitIsSplitIntoBoundedRowRecordsAndACommitRecordHoldingTheRest() {
    List<Object[]> ended = new ArrayList<>();
    List<Object[]> inserted = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      ended.add(new Object[] {i, "old-" + i});
      inserted.add(new Object[] {i, "new-" + i});
    }
    CommitRecord big =
        new CommitRecord(
            CommitRecord.Kind.COMMIT,
            9,
            123,
            List.of(
                new CommitRecord.TableChanges("a", 2, ended, inserted),
                new CommitRecord.TableChanges(
                    "b", 1, List.of(), List.<Object[]>of(new Object[] {1L}))));
    int chunk = 16 * 1024;
    List<CommitRecord> pieces = RecordChunker.split(big, chunk);
    assertThat(pieces.size()).isGreaterThan(10);
    long endedRows = 0;
    long insertedRows = 0;
    List<Object> insertedIds = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      CommitRecord p = CommitRecord.decode(pieces.get(i).encode(), "piece " + i);
      assertThat(p.kind())
          .isEqualTo(i + 1 < pieces.size() ? CommitRecord.Kind.ROWS : CommitRecord.Kind.COMMIT);
      assertThat(p.cid()).isEqualTo(9);
      assertThat(p.commitTimeMicros()).isEqualTo(123);
      assertThat(pieces.get(i).encode().length).isLessThan(chunk + 100);
      for (CommitRecord.TableChanges t : p.tables()) {
        if (t.table().equals("a")) {
          endedRows += t.ended().size();
          insertedRows += t.inserted().size();
          t.inserted().forEach(r -> insertedIds.add(r[0]));
        }
      }
    }
    assertThat(endedRows).isEqualTo(10_000);
    assertThat(insertedRows).isEqualTo(10_000);
    assertThat(insertedIds).isSorted().doesNotHaveDuplicates();
    CommitRecord last = pieces.get(pieces.size() - 1);
    assertThat(last.tables()).extracting(CommitRecord.TableChanges::table).endsWith("b");
  }
}

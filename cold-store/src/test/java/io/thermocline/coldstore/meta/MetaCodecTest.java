package io.thermocline.coldstore.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.testkit.scan.ConformanceSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RocksDB layouts round-trip, sort numerically, and reject garbage with a named error. */
class MetaCodecTest {
  @Test
  void entriesRoundTrip() {
    FileEntry f =
        new FileEntry(
            3,
            -5,
            42,
            "t3_x/p0/f42.parquet",
            1000,
            123_456,
            7,
            FileEntry.LIVE,
            120_000,
            0xCAFEBABE,
            List.of(
                new ColumnStats(0, -3L, 99L),
                new ColumnStats(2, -0.0, Double.NaN),
                new ColumnStats(1, "a\uD83D\uDE00", "zz"),
                ColumnStats.allNull(1000)));
    assertThat(MetaCodec.decodeFile(MetaCodec.fileKey(f), MetaCodec.encodeFile(f))).isEqualTo(f);
    TableRecord t = new TableRecord("orders", 3, ConformanceSchema.schema(), "MONTH", 17);
    assertThat(MetaCodec.decodeTable(MetaCodec.tableKey("orders"), MetaCodec.encodeTable(t)))
        .isEqualTo(t);
    Object[] row = {1L, 2L, null, -7L, Long.MIN_VALUE, Double.NaN, 12_345L, "é", null, -3L, null};
    byte[] enc = MetaCodec.encodeDeltaRow(5, FileEntry.LIVE, ConformanceSchema.schema(), row);
    MetaCodec.DeltaRow d =
        MetaCodec.decodeDeltaRow(9, MetaCodec.withDeltaEnd(enc, 8), ConformanceSchema.schema());
    assertThat(d.values()).containsExactly(row);
    assertThat(d.createCid()).isEqualTo(5);
    assertThat(d.endCid()).isEqualTo(8);
    assertThat(MetaCodec.decodeTombstone(MetaCodec.encodeTombstone(11))).isEqualTo(11);
    assertThat(MetaCodec.tombstonePosition(MetaCodec.tombstoneKey(42, 77))).isEqualTo(77);
  }

  @Test
  void partitionKeysSortNumericallyIncludingNegatives() {
    byte[] a = MetaCodec.fileKey(1, -2, 5);
    byte[] b = MetaCodec.fileKey(1, 3, 1);
    assertThat(Arrays.compareUnsigned(a, b)).isNegative();
  }

  @Test
  void garbageAndUnknownVersionsAreNamedCorruption() {
    FileEntry f = new FileEntry(1, 0, 2, "p", 1, 1, 1, FileEntry.LIVE, 0, 0, List.of());
    byte[] v = MetaCodec.encodeFile(f);
    byte[] truncated = Arrays.copyOf(v, v.length - 3);
    assertThatThrownBy(() -> MetaCodec.decodeFile(MetaCodec.fileKey(f), truncated))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("file 2");
    v[0] = 9;
    assertThatThrownBy(() -> MetaCodec.decodeFile(MetaCodec.fileKey(f), v))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("version 9");
  }
}

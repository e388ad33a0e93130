package io.thermocline.hotstore.bits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongToIdHashTest {
  @Test
  void numbersKeysInFirstSeenOrderThroughRehashes() {
    LongToIdHash h = new LongToIdHash(4);
    Map<Long, Integer> ref = new HashMap<>();
    Random random = new Random(7);
    long[] specials = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32};
    for (int i = 0; i < 50_000; i++) {
      long k = i < specials.length ? specials[i] : random.nextInt(20_000) * 0x1_0000_0001L;
      int id = h.idOf(k);
      Integer want = ref.putIfAbsent(k, ref.size());
      assertThat(id).isEqualTo(want == null ? ref.size() - 1 : want);
    }
    assertThat(h.size()).isEqualTo(ref.size());
    for (Map.Entry<Long, Integer> e : ref.entrySet()) {
      assertThat(h.find(e.getKey())).isEqualTo(e.getValue());
      assertThat(h.key(e.getValue())).isEqualTo(e.getKey());
    }
    assertThat(h.find(12345L)).isEqualTo(ref.getOrDefault(12345L, -1));
  }
}

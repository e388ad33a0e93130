package io.thermocline.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Commit ids: published only when a commit says so, gaps for unpublished ones, reservations
 * persisted before an id above them is used so a reopened clock continues above every id handed
 * out; the snapshot registry's oldest live snapshot follows registered readers.
 */
class CommitClockTest {
  @Test
  void idsArePublishedInOrderWithGapsAndReservedAhead() {
    List<Long> reserved = new ArrayList<>();
    CommitClock clock = new CommitClock(0, reserved::add, 3);
    try (CommitClock.Commit c = clock.begin()) {
      assertThat(c.cid()).isEqualTo(1);
      assertThat(clock.lastCommitted()).isZero();
      assertThat(clock.isHeldByCurrentThread()).isTrue();
      c.publish();
    }
    assertThat(clock.isHeldByCurrentThread()).isFalse();
    assertThat(clock.lastCommitted()).isEqualTo(1);
    try (CommitClock.Commit c = clock.begin()) {
      assertThat(c.cid()).isEqualTo(2); // never published: a gap
    }
    try (CommitClock.Commit c = clock.begin()) {
      assertThat(c.cid()).isEqualTo(3);
      c.publish();
    }
    try (CommitClock.Commit c = clock.begin()) {
      assertThat(c.cid()).isEqualTo(4);
      c.publish();
    }
    assertThat(clock.lastCommitted()).isEqualTo(4);
    assertThat(reserved).containsExactly(3L, 6L);
    CommitClock reopened = new CommitClock(reserved.get(reserved.size() - 1), reserved::add, 3);
    assertThat(reopened.lastCommitted()).isEqualTo(6);
    try (CommitClock.Commit c = reopened.begin()) {
      assertThat(c.cid()).isEqualTo(7);
    }
  }

  @Test
  void theOldestLiveSnapshotFollowsRegisteredReaders() {
    CommitClock clock = new CommitClock(10, x -> {}, 100);
    SnapshotRegistry r = new SnapshotRegistry(clock);
    assertThat(r.oldestLive()).isEqualTo(10);
    long a = r.register();
    long b = r.register();
    try (CommitClock.Commit c = clock.begin()) {
      c.publish();
    }
    long later = r.register();
    assertThat(later).isEqualTo(11);
    assertThat(r.oldestLive()).isEqualTo(10);
    r.unregister(a);
    assertThat(r.oldestLive()).isEqualTo(10);
    r.unregister(b);
    assertThat(r.oldestLive()).isEqualTo(11);
    assertThat(r.liveCount()).isEqualTo(1);
    r.unregister(later);
    assertThat(r.oldestLive()).isEqualTo(11);
  }
}

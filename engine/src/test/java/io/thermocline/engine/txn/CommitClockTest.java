package io.thermocline.engine.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Commit ids: published only when a commit says so, gaps for unpublished ones, reservations
 * persisted before an id above them is used so a reopened clock continues above every id handed
 * out; the snapshot registry's oldest live snapshot follows registered readers. Group commit:
 * commits that unlocked publish in id order whoever finishes first, exclusive work waits for them,
 * and a commit that fails after unlocking stops all later publication.
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

  /**
   * Asserts that {@code f} stays unfinished for a while (it is waiting, not just slow to start).
   */
  private static void staysWaiting(CompletableFuture<?> f) {
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !f.isDone());
  }

  @Test
  void unlockedCommitsPublishInIdOrderWhoeverFinishesFirst() throws Exception {
    CommitClock clock = CommitClock.continuingAfter(0);
    CommitClock.Commit a = clock.begin();
    a.unlock();
    CommitClock.Commit b = clock.begin();
    b.unlock();
    try (CommitClock.Commit gap = clock.begin()) {
      assertThat(gap.cid()).isEqualTo(3); // closed under the lock, unpublished: a gap
    }
    CommitClock.Commit d = clock.begin();
    d.unlock();
    assertThat(clock.isHeldByCurrentThread()).isFalse();
    CompletableFuture<Void> pb = CompletableFuture.runAsync(b::publish);
    CompletableFuture<Void> pd = CompletableFuture.runAsync(d::publish);
    staysWaiting(pd);
    assertThat(pb).isNotDone();
    assertThat(clock.lastCommitted()).isZero();
    a.publish();
    pb.get(10, TimeUnit.SECONDS);
    pd.get(10, TimeUnit.SECONDS);
    assertThat(clock.lastCommitted()).isEqualTo(4);
    for (CommitClock.Commit c : List.of(a, b, d)) {
      assertThat(c.isPublished()).isTrue();
      c.close();
    }
  }

  @Test
  void exclusiveWorkWaitsForUnlockedCommitsToPublish() throws Exception {
    CommitClock clock = CommitClock.continuingAfter(10);
    CommitClock.Commit a = clock.begin();
    a.unlock();
    CompletableFuture<Long> exclusive =
        CompletableFuture.supplyAsync(
            () -> {
              try (CommitClock.Commit c = clock.beginExclusive()) {
                long seen = clock.lastCommitted();
                c.publish();
                return seen;
              }
            });
    CompletableFuture<Long> locked =
        CompletableFuture.supplyAsync(() -> clock.whileLocked(clock::lastCommitted));
    staysWaiting(exclusive);
    assertThat(locked).isNotDone();
    a.publish();
    assertThat(exclusive.get(10, TimeUnit.SECONDS)).isEqualTo(11);
    assertThat(locked.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(11);
    assertThat(clock.lastCommitted()).isEqualTo(12);
  }

  @Test
  void aCommitFailingAfterItUnlockedStopsAllLaterPublication() throws Exception {
    CommitClock clock = CommitClock.continuingAfter(0);
    try (CommitClock.Commit first = clock.begin()) {
      first.publish();
    }
    CommitClock.Commit a = clock.begin();
    a.unlock();
    CommitClock.Commit b = clock.begin();
    b.unlock();
    CompletableFuture<Void> pb = CompletableFuture.runAsync(b::publish);
    staysWaiting(pb);
    a.fail(new ThermoException(ErrorCode.IO_ERROR, "fsync failed"));
    assertThatThrownBy(() -> pb.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ThermoException.class)
        .hasMessageContaining("commit 2")
        .hasMessageContaining("fsync failed");
    b.close();
    assertThat(clock.lastCommitted()).isEqualTo(1);
    assertThat(clock.failure().code()).isEqualTo(ErrorCode.IO_ERROR);
    assertThatThrownBy(() -> clock.whileLocked(() -> 0)).isInstanceOf(ThermoException.class);
    assertThatThrownBy(clock::beginExclusive).isInstanceOf(ThermoException.class);
    assertThat(clock.isHeldByCurrentThread()).isFalse();
    // A plain commit still gets an id (the gate refuses it in the engine), never visibility.
    CommitClock.Commit c = clock.begin();
    c.unlock();
    assertThatThrownBy(c::publish).isInstanceOf(ThermoException.class);
    c.close();
    assertThat(clock.lastCommitted()).isEqualTo(1);
  }

  @Test
  void idsBelowAFailedOneStillPublish() throws Exception {
    CommitClock clock = CommitClock.continuingAfter(0);
    CommitClock.Commit a = clock.begin();
    a.unlock();
    CommitClock.Commit b = clock.begin();
    b.unlock();
    CommitClock.Commit c = clock.begin();
    c.unlock();
    CompletableFuture<Void> pb = CompletableFuture.runAsync(b::publish);
    staysWaiting(pb);
    c.fail(new ThermoException(ErrorCode.IO_ERROR, "fsync failed"));
    assertThat(pb).isNotDone();
    a.publish();
    pb.get(10, TimeUnit.SECONDS);
    assertThat(clock.lastCommitted()).isEqualTo(2);
    assertThatThrownBy(() -> clock.whileLocked(() -> 0)).hasMessageContaining("commit 3");
  }

  @Test
  void closingAnUnlockedCommitUnpublishedFailsTheClock() {
    CommitClock clock = CommitClock.continuingAfter(0);
    CommitClock.Commit a = clock.begin();
    a.unlock();
    a.close();
    assertThat(clock.failure()).hasMessageContaining("commit 1");
    try (CommitClock.Commit b = clock.begin()) {
      assertThatThrownBy(b::publish).isInstanceOf(ThermoException.class);
    }
    assertThat(clock.lastCommitted()).isZero();
  }
}

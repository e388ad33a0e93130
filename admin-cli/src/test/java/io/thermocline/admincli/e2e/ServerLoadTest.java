package io.thermocline.admincli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.cli.AdminClient;
import io.thermocline.admincli.cli.CliRun;
import io.thermocline.admincli.cli.ProgressBar;
import io.thermocline.testkit.TestSeed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on a real server process: 16 JDBC reporting clients and 2 writers while aging runs every
 * second and a backup is taken. Writers insert rows in pairs (+x, -x) in one statement, half of
 * them old enough for the aging rule, so every snapshot must show SUM(v) = 0 and an even COUNT that
 * never shrinks: the invariant of DESIGN.md section 3 (every committed row exactly once, in one
 * tier or the other) as readers see it. Zero errors allowed; p50/p99 latencies are printed. 10 s by
 * default, 60 s with -Plong.
 */
class ServerLoadTest {
  static final int REPORTERS = 16;
  static final int WRITERS = 2;
  static final long WARMUP_NANOS = 2_000_000_000L;

  @TempDir Path dir;

  @Test
  void reportersAndWritersWhileAgingAndBackupRun(TestInfo info) throws Exception {
    long seed = TestSeed.resolve(info.getDisplayName());
    long seconds = TestSeed.longMode() ? 60 : 10;
    try (ServerProcess s = ServerProcess.start(dir.resolve("data"), "1g")) {
      Map<String, String> admin = s.admin();
      ServerEndToEndTest.ok(
          CliRun.run(
              admin,
              "table",
              "create",
              "ledger",
              "--hybrid",
              "--column",
              "id BIGINT",
              "--column",
              "v BIGINT NOT NULL",
              "--column",
              "ts TIMESTAMP NOT NULL",
              "--primary-key",
              "id",
              "--time-column",
              "ts",
              "--aging-rule",
              "ts < CURRENT_TIMESTAMP - INTERVAL '1' DAY",
              "--schedule",
              "EVERY 1 SECONDS"));
      ServerEndToEndTest.add(admin, "rep", "REPORTER", "report-pw-1");
      ServerEndToEndTest.add(admin, "wri", "WRITER", "writer-pw-1");

      AtomicLong ids = new AtomicLong();
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicLong inserted = new AtomicLong();
      AtomicLong queries = new AtomicLong();
      long timedFrom = System.nanoTime() + WARMUP_NANOS;
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random r = new Random(seed + w);
        threads.add(
            new Thread(() -> write(s.jdbcUrl, r, ids, inserted, end, errors), "writer-" + w));
      }
      for (int q = 0; q < REPORTERS; q++) {
        threads.add(
            new Thread(
                () -> report(s.jdbcUrl, timedFrom, end, queries, latencies, errors),
                "reporter-" + q));
      }
      threads.forEach(Thread::start);

      // A backup in the middle of it all, through the admin API as the CLI takes it.
      long middle = System.nanoTime() + seconds * 500_000_000L;
      await()
          .atMost(Duration.ofSeconds(seconds))
          .until(() -> System.nanoTime() >= middle || !errors.isEmpty());
      AdminClient client = new AdminClient(s.adminUrl, "admin", s.adminPassword.toCharArray());
      JsonNode backup =
          client.postWithProgress(
              "/api/backups",
              Map.of("label", "under-load"),
              new ProgressBar(new PrintWriter(new StringWriter()), "backup", true, false));
      for (Thread t : threads) {
        t.join(seconds * 1000 + 120_000);
      }
      JsonNode runs = client.get("/api/aging/runs?table=ledger&limit=1000");
      long aged = 0;
      for (JsonNode run : runs) {
        aged += run.path("rowsToCold").asLong();
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
      }

      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      System.out.printf(
          Locale.ROOT,
          "[load] %d s, %d reporters, %d writers: %d queries (%d timed), p50 %.1f ms, p99 %.1f ms, max %.1f"
              + " ms; %d rows inserted, %d aging runs moved %d rows to cold; backup %s at cid %d;"
              + " errors %d (seed %d)%n",
          seconds,
          REPORTERS,
          WRITERS,
          queries.get(),
          all.length,
          percentile(all, 0.50) / 1e6,
          percentile(all, 0.99) / 1e6,
          all.length == 0 ? 0 : all[all.length - 1] / 1e6,
          inserted.get(),
          runs.size(),
          aged,
          backup.path("id").asText(),
          backup.path("commitId").asLong(),
          errors.size(),
          seed);
      assertThat(errors).as("seed %d", seed).isEmpty();
      assertThat(queries.get()).as("every reporter got answers").isGreaterThanOrEqualTo(REPORTERS);
      assertThat(inserted.get()).as("the writers wrote").isPositive();
      assertThat(aged).as("aging moved rows while the load ran").isPositive();
      assertThat(backup.path("id").asText()).isNotEmpty();
      s.stop();
    }
  }

  /** Inserts pairs (+x, -x) in one statement, one of every two pairs a day old (aged by rule). */
  static void write(
      String url,
      Random r,
      AtomicLong ids,
      AtomicLong inserted,
      long end,
      ConcurrentLinkedQueue<String> errors) {
    try (Connection c = DriverManager.getConnection(url, "wri", "writer-pw-1");
        PreparedStatement ps =
            c.prepareStatement("INSERT INTO ledger (id, v, ts) VALUES (?, ?, ?), (?, ?, ?)")) {
      while (System.nanoTime() < end) {
        long x = 1 + r.nextInt(1000);
        boolean old = r.nextBoolean();
        java.sql.Timestamp ts =
            java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(old ? 2 * 86_400 : 0));
        ps.setLong(1, ids.incrementAndGet());
        ps.setLong(2, x);
        ps.setTimestamp(3, ts);
        ps.setLong(4, ids.incrementAndGet());
        ps.setLong(5, -x);
        ps.setTimestamp(6, ts);
        ps.executeUpdate();
        inserted.addAndGet(2);
      }
    } catch (Exception e) {
      errors.add(Thread.currentThread().getName() + ": " + e);
    }
  }

  /** Queries until the end, checking the invariant of every answer; records latencies. */
  static void report(
      String url,
      long timedFrom,
      long end,
      AtomicLong queries,
      List<long[]> latencies,
      ConcurrentLinkedQueue<String> errors) {
    long[] mine = new long[1 << 16];
    int n = 0;
    long lastCount = 0;
    try (Connection c = DriverManager.getConnection(url, "rep", "report-pw-1");
        Statement st = c.createStatement()) {
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(v) FROM ledger")) {
          rs.next();
          long count = rs.getLong(1);
          long sum = rs.getLong(2);
          long t = System.nanoTime() - t0;
          queries.incrementAndGet();
          if (t0 >= timedFrom && n < mine.length) {
            mine[n++] = t;
          }
          if (sum != 0 || count % 2 != 0 || count < lastCount) {
            errors.add(
                "invariant broken: count " + count + " (before " + lastCount + "), sum " + sum);
          }
          lastCount = count;
        }
      }
    } catch (Exception e) {
      errors.add(Thread.currentThread().getName() + ": " + e);
    }
    latencies.add(Arrays.copyOf(mine, n));
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }
}

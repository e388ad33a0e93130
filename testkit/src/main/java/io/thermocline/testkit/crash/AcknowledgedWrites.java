package io.thermocline.testkit.crash;

import java.util.HashMap;
import java.util.Map;

/**
 * What a crash test's child acknowledged, read from its output lines, as the content {@code id ->
 * v} a reopened database must show. The child prints, for each write, {@code BEGIN <op> <id> <v>}
 * before it and {@code ACK <cid> <op> <id> <v>} once it returned ({@code FAIL} when it failed
 * cleanly); {@code op} is {@code INS} (rows {@code id .. id+v-1}, each with value {@code 7 * id}),
 * {@code UPD} (row {@code id} gets {@code v}, if present) or {@code DEL} (row {@code id} goes). A
 * write begun but not acknowledged when the child was killed is "in flight": the database may show
 * it wholly or not at all. Used by the test thread only.
 */
public final class AcknowledgedWrites {
  private Map<Long, Long> expected = new HashMap<>();
  private String inFlight;
  private long lastAcked;
  private long acks;
  private long nextId = 1;

  /** Takes one child's lines (one cycle), in order. */
  public void read(Iterable<String> lines) {
    for (String line : lines) {
      read(line);
    }
  }

  /**
   * Takes the child's next line; lines of other kinds (the test's own: moves, runs, backups) are
   * ignored.
   */
  public void read(String line) {
    String[] p = line.split(" ");
    switch (p[0]) {
      case "BEGIN" -> inFlight = line;
      case "FAIL" -> inFlight = null;
      case "ACK" -> {
        inFlight = null;
        lastAcked = Long.parseLong(p[1]);
        apply(expected, p[2], Long.parseLong(p[3]), Long.parseLong(p[4]));
        nextId = Math.max(nextId, idAfter(p[2], Long.parseLong(p[3]), Long.parseLong(p[4])));
        acks++;
      }
      default -> {
        // Not a write.
      }
    }
  }

  /** The content with every acknowledged write. */
  public Map<Long, Long> expected() {
    return new HashMap<>(expected);
  }

  /** The content with the write in flight applied too (equal to {@link #expected} if none). */
  public Map<Long, Long> withInFlight() {
    Map<Long, Long> m = new HashMap<>(expected);
    if (inFlight != null) {
      String[] p = inFlight.split(" ");
      apply(m, p[1], Long.parseLong(p[2]), Long.parseLong(p[3]));
    }
    return m;
  }

  /** Whether {@code actual} is one of the two allowed states. */
  public boolean allows(Map<Long, Long> actual) {
    return actual.equals(expected) || actual.equals(withInFlight());
  }

  /** Why {@code actual} is not allowed: up to ten missing and ten unexpected entries. */
  public String mismatch(Map<Long, Long> actual) {
    return "in flight: "
        + inFlight
        + "; missing "
        + diff(expected, actual)
        + ", unexpected "
        + diff(actual, expected);
  }

  /**
   * After the reopened database passed: its content is what the next cycle starts from (the write
   * in flight is then decided), and ids continue after every id ever inserted.
   */
  public void accept(Map<Long, Long> actual) {
    nextId = nextId();
    expected = new HashMap<>(actual);
    inFlight = null;
  }

  /**
   * The first id the next child may insert: after every id an acknowledged or in-flight insert
   * used, so no id is reused even if its row was deleted or its insert undone.
   */
  public long nextId() {
    if (inFlight == null) {
      return nextId;
    }
    String[] p = inFlight.split(" ");
    return Math.max(nextId, idAfter(p[1], Long.parseLong(p[2]), Long.parseLong(p[3])));
  }

  public String inFlight() {
    return inFlight;
  }

  /** Commit id of the last acknowledged write (0 if none). */
  public long lastAcked() {
    return lastAcked;
  }

  /** How many writes were acknowledged over all cycles. */
  public long acks() {
    return acks;
  }

  private static long idAfter(String op, long id, long v) {
    return op.equals("INS") ? id + v : 0;
  }

  private static void apply(Map<Long, Long> m, String op, long id, long v) {
    switch (op) {
      case "INS" -> {
        for (long i = id; i < id + v; i++) {
          m.put(i, i * 7);
        }
      }
      case "UPD" -> m.computeIfPresent(id, (k, old) -> v);
      case "DEL" -> m.remove(id);
      default -> throw new IllegalArgumentException("unknown write " + op + " in a child's line");
    }
  }

  private static String diff(Map<Long, Long> a, Map<Long, Long> b) {
    Map<Long, Long> d = new HashMap<>();
    for (Map.Entry<Long, Long> e : a.entrySet()) {
      if (!e.getValue().equals(b.get(e.getKey()))) {
        d.put(e.getKey(), e.getValue());
        if (d.size() >= 10) {
          break;
        }
      }
    }
    return d.toString();
  }
}

package io.thermocline.hotstore.delta;

import io.thermocline.hotstore.main.StringDictionary;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The strings of one delta column, numbered in first-seen order (unsorted). Entries live in pages
 * that never move; the page directory and the size are volatile and written after the entry, so a
 * reader that saw a row also sees its string. The lookup map is the writer's alone: a {@code
 * HashMap} is fine here because only a new distinct string allocates (its node), never a repeat.
 */
public final class DeltaDictionary {
  private static final int PAGE_BITS = 12;
  private static final int PAGE = 1 << PAGE_BITS;

  private final HashMap<String, Integer> index = new HashMap<>();
  private volatile String[][] pages = new String[4][];
  private volatile int size;
  private long payloadBytes;
  private boolean frozen;

  /**
   * A read-only dictionary of {@code values}, ids in their order, its last page cut to size (a
   * series main's sorted strings); {@link #idOf} must not be called on it.
   */
  public static DeltaDictionary frozen(String[] values) {
    DeltaDictionary d = new DeltaDictionary();
    int n = values.length;
    String[][] dir = new String[Math.max(1, (n + PAGE - 1) >>> PAGE_BITS)][];
    for (int p = 0; p < dir.length; p++) {
      int from = p << PAGE_BITS;
      dir[p] = java.util.Arrays.copyOfRange(values, from, Math.min(n, from + PAGE));
    }
    for (String s : values) {
      d.payloadBytes += StringDictionary.stringBytes(s);
    }
    d.frozen = true;
    d.pages = dir;
    d.size = n;
    return d;
  }

  /** Writer only: the id of {@code s}, adding it when new. */
  public int idOf(String s) {
    if (frozen) {
      throw new IllegalStateException("a frozen dictionary takes no new strings");
    }
    Integer id = index.get(s);
    if (id != null) {
      return id;
    }
    int n = size;
    int p = n >>> PAGE_BITS;
    String[][] dir = pages;
    if (p == dir.length) {
      dir = Arrays.copyOf(dir, p * 2);
    }
    if (dir[p] == null) {
      dir[p] = new String[PAGE];
    }
    dir[p][n & (PAGE - 1)] = s;
    pages = dir;
    index.put(s, n);
    payloadBytes += StringDictionary.stringBytes(s);
    size = n + 1;
    return n;
  }

  public int size() {
    return size;
  }

  public String get(int id) {
    return pages[id >>> PAGE_BITS][id & (PAGE - 1)];
  }

  /** Estimated heap bytes: entries, pages and the writer's map (about 48 bytes per entry). */
  public long bytes() {
    int n = size;
    if (frozen) {
      long b = payloadBytes + 16L + 8L * pages.length;
      for (String[] page : pages) {
        b += 16L + 4L * page.length;
      }
      return b;
    }
    return payloadBytes
        + 16L
        + 8L * pages.length
        + (long) ((n + PAGE - 1) >>> PAGE_BITS) * 4L * PAGE
        + 48L * n;
  }
}

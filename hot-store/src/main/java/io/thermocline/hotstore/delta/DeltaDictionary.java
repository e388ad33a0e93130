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

  /** Writer only: the id of {@code s}, adding it when new. */
  public int idOf(String s) {
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
    return payloadBytes
        + 16L
        + 8L * pages.length
        + (long) ((n + PAGE - 1) >>> PAGE_BITS) * 4L * PAGE
        + 48L * n;
  }
}

package io.thermocline.testkit.io;

import java.util.regex.Pattern;

/**
 * One armed fault of a {@link FaultInjectingFileIO}: fails matching operations after skipping some,
 * a number of times (or forever). A path matches when the regular expression is found in it (for a
 * rename: in the source or the target). Thread-safe: the owning FileIO mutates it under its lock,
 * {@link #fired()} and {@link #cancel()} may be called from any thread.
 */
public final class Fault {
  /** {@code times} value of a fault that never runs out. */
  public static final int FOREVER = -1;

  private final FileOp op;
  private final Pattern path;
  private int skip;
  private int times;
  private volatile int fired;
  private volatile boolean cancelled;

  Fault(FileOp op, String pathRegex, int skip, int times) {
    this.op = op;
    this.path = Pattern.compile(pathRegex);
    this.skip = skip;
    this.times = times;
  }

  public FileOp op() {
    return op;
  }

  /** How often this fault has failed an operation. */
  public int fired() {
    return fired;
  }

  /** Whether it will fail no further operation. */
  public boolean isSpent() {
    return cancelled || times == 0;
  }

  public void cancel() {
    cancelled = true;
  }

  /** Called under the FileIO's lock: whether this operation must fail. */
  boolean trigger(FileOp o, String a, String b) {
    if (isSpent() || o != op || !(matches(a) || matches(b))) {
      return false;
    }
    if (skip > 0) {
      skip--;
      return false;
    }
    if (times > 0) {
      times--;
    }
    fired++;
    return true;
  }

  private boolean matches(String p) {
    return p != null && path.matcher(p).find();
  }

  @Override
  public String toString() {
    return op + " on /" + path + "/ (fired " + fired + ")";
  }
}

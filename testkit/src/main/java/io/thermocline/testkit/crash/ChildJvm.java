package io.thermocline.testkit.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real child JVM for crash tests: the same {@code java} binary and class path as this JVM,
 * running a given main class. Its stdout and stderr go to files ({@link OutputFile}) that a thread
 * tails line by line while it runs and that are read to the end once it has died; the test waits
 * (Awaitility) for a line or any condition, then {@link #kill()}s it with SIGKILL, which the child
 * cannot catch: no shutdown hook, no finally block, no buffered write runs, exactly like a power
 * cut to the process (not to the disk: data the child already handed to the kernel survives; use
 * FaultInjectingFileIO to lose unsynced data).
 *
 * <p>{@link #close()} kills a child still running, and a JVM shutdown hook kills any child a test
 * forgot, so no process outlives its test. Thread-safe: captured lines may be read from any thread.
 *
 * <p>Why files and not the pipes of {@link Process}: when a child dies, the JDK's process reaper
 * drains and closes its stdout pipe concurrently with a reader thread, and lines the child printed
 * just before SIGKILL were lost (measured: 2 of 40 kills lost up to 21 lines). A crash test then
 * takes an acknowledged commit for one in flight and reports a false violation. Bytes the child
 * wrote to a file are all there once {@link Process#waitFor} returns.
 */
public final class ChildJvm implements AutoCloseable {
  /** Exit status of a process killed by SIGKILL: 128 + 9. */
  public static final int SIGKILL_EXIT = 137;

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "child-jvm-reaper"));
  }

  private final String name;
  private final Process process;
  private final OutputFile stdout;
  private final OutputFile stderr;
  private final Thread tailer;
  private volatile boolean drained;

  private ChildJvm(String name, ProcessBuilder builder) throws IOException {
    this.name = name;
    this.stdout = new OutputFile(Files.createTempFile("childjvm-" + name + "-", ".out"));
    this.stderr = new OutputFile(Files.createTempFile("childjvm-" + name + "-", ".err"));
    builder.redirectOutput(stdout.path().toFile()).redirectError(stderr.path().toFile());
    try {
      this.process = builder.start();
    } catch (IOException e) {
      stdout.delete();
      stderr.delete();
      throw e;
    }
    LIVE.add(process);
    this.tailer = new Thread(this::tail, "child-" + name + "-output");
    tailer.setDaemon(true);
    tailer.start();
  }

  /**
   * Picks up new lines every few milliseconds while the child runs (a file has no "data arrived"
   * signal to block on); the last read after the child died is {@link #drainAfterExit}'s.
   */
  private void tail() {
    while (!drained && process.isAlive()) {
      stdout.readNewLines();
      stderr.readNewLines();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  /** Reads both files to their end, trailing partial lines included: the child is dead. */
  private void drainAfterExit() throws InterruptedException {
    if (!drained) {
      tailer.join();
      stdout.readToEnd();
      stderr.readToEnd();
      drained = true;
    }
  }

  /** Starts {@code mainClass} with {@code args} and default JVM options. */
  public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
    return builder(mainClass.getName()).args(args).start();
  }

  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  /** Options of a child JVM. Single-threaded. */
  public static final class Builder {
    private final String mainClass;
    private final List<String> args = new ArrayList<>();
    // Small and quick to start: the machine's two cores are shared.
    private final List<String> jvmArgs =
        new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    private String classpath = System.getProperty("java.class.path");
    private Path workingDirectory;

    private Builder(String mainClass) {
      this.mainClass = mainClass;
    }

    public Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** Adds JVM options (after the defaults, so they win). */
    public Builder jvmArgs(String... more) {
      jvmArgs.addAll(List.of(more));
      return this;
    }

    public Builder systemProperty(String key, String value) {
      jvmArgs.add("-D" + key + "=" + value);
      return this;
    }

    public Builder classpath(String cp) {
      classpath = cp;
      return this;
    }

    public Builder workingDirectory(Path dir) {
      workingDirectory = dir;
      return this;
    }

    public ChildJvm start() throws IOException {
      List<String> command = new ArrayList<>();
      command.add(javaBinary());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command);
      if (workingDirectory != null) {
        pb.directory(workingDirectory.toFile());
      }
      String simple = mainClass.substring(mainClass.lastIndexOf('.') + 1);
      return new ChildJvm(simple, pb);
    }
  }

  /** The java binary running this JVM. */
  static String javaBinary() {
    Optional<String> self = ProcessHandle.current().info().command();
    return self.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A copy of the stdout lines captured so far. */
  public List<String> lines() {
    return stdout.lines();
  }

  /** A copy of the stderr lines captured so far. */
  public List<String> errorLines() {
    return stderr.lines();
  }

  /** Writes a line to the child's stdin. */
  public void sendLine(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Waits for the first stdout line matching {@code condition} and returns it. Fails at once if the
   * child exits without printing one, and after {@code timeout} otherwise; the failure shows the
   * child's output.
   */
  public String awaitLine(Predicate<String> condition, Duration timeout) {
    return awaitLines(condition, 1, timeout).get(0);
  }

  /** Waits for a stdout line containing {@code text}. */
  public String awaitLineContaining(String text, Duration timeout) {
    return awaitLine(l -> l.contains(text), timeout);
  }

  /** Waits until {@code count} stdout lines match; returns the first {@code count} of them. */
  public List<String> awaitLines(Predicate<String> condition, int count, Duration timeout) {
    awaitUntil(() -> matching(condition).size() >= count, timeout, "" + count + " matching lines");
    return matching(condition).subList(0, count);
  }

  /**
   * Waits until {@code condition} holds (e.g. a file the child writes has grown); fails at once if
   * the child has exited and its output is drained while the condition is still false.
   */
  public void awaitCondition(Callable<Boolean> condition, Duration timeout) {
    awaitUntil(condition, timeout, "the condition");
  }

  private void awaitUntil(Callable<Boolean> condition, Duration timeout, String what) {
    try {
      await("child " + name + ": " + what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> condition.call() || finished());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(describe("timed out after " + timeout + " waiting for " + what), e);
    }
    boolean met;
    try {
      met = condition.call();
    } catch (Exception e) {
      throw new AssertionError(describe("condition failed"), e);
    }
    if (!met) {
      throw new AssertionError(describe("exited before " + what));
    }
  }

  private boolean finished() throws InterruptedException {
    if (process.isAlive()) {
      return false;
    }
    drainAfterExit();
    return true;
  }

  private List<String> matching(Predicate<String> condition) {
    List<String> out = new ArrayList<>();
    for (String l : lines()) {
      if (condition.test(l)) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * Kills the child with SIGKILL and waits for it to die and its output to drain; returns the exit
   * status ({@link #SIGKILL_EXIT} if the signal killed it, its own status if it had already
   * exited). {@code Process.destroyForcibly()} sends SIGKILL on Linux and other Unixes:
   * ProcessHandleImpl_unix.c picks {@code force ? SIGKILL : SIGTERM}; ChildJvmTest checks it by the
   * exit status 137 and by a shutdown hook that never runs.
   */
  public int kill() {
    process.destroyForcibly();
    return awaitExit(Duration.ofSeconds(30));
  }

  /** Waits for the child to exit on its own and its output to drain; returns its exit status. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(describe("still running after " + timeout));
      }
      drainAfterExit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(describe("interrupted while waiting for exit"), e);
    }
    LIVE.remove(process);
    return process.exitValue();
  }

  /** Kills the child if it is still running. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        kill();
      } else {
        awaitExit(Duration.ofSeconds(30));
      }
    } finally {
      stdout.delete();
      stderr.delete();
    }
  }

  /** A message with the child's identity, state and the tail of its output. */
  public String describe(String problem) {
    StringBuilder sb = new StringBuilder("child JVM ").append(name).append(" (pid ").append(pid());
    sb.append(process.isAlive() ? ", running" : ", exit " + process.exitValue()).append("): ");
    sb.append(problem);
    appendTail(sb, "stdout", lines());
    appendTail(sb, "stderr", errorLines());
    return sb.toString();
  }

  private static void appendTail(StringBuilder sb, String label, List<String> lines) {
    int from = Math.max(0, lines.size() - 20);
    sb.append("\n--- ").append(label).append(" (last ").append(lines.size() - from).append(" of ");
    sb.append(lines.size()).append(" lines) ---");
    for (String l : lines.subList(from, lines.size())) {
      sb.append('\n').append(l);
    }
  }
}

package io.thermocline.testkit.crash;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Main class of the child JVMs in ChildJvmTest. Modes: {@code progress FILE} appends and fsyncs a
 * counter to FILE and prints it, paced, until killed; {@code exit CODE} exits with CODE; {@code
 * echo} echoes stdin lines. A shutdown hook prints {@code HOOK RAN}, which SIGKILL must prevent.
 */
public final class ProgressChild {
  private ProgressChild() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("HOOK RAN")));
    switch (args[0]) {
      case "progress" -> progress(Path.of(args[1]));
      case "exit" -> {
        System.out.println("BYE");
        System.exit(Integer.parseInt(args[1]));
      }
      default -> echo();
    }
  }

  private static void progress(Path file) throws Exception {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (int i = 0; i < 6_000; i++) {
        ch.write(ByteBuffer.wrap((i + "\n").getBytes(StandardCharsets.UTF_8)));
        ch.force(false);
        System.out.println("PROGRESS " + i);
        // Pacing inside the child only, so the parent can kill it mid-way.
        Thread.sleep(10);
      }
    }
    System.out.println("DONE");
  }

  private static void echo() throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      System.out.println("ECHO " + line);
    }
  }
}

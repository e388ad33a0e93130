package io.thermocline.admincli.cli;

import io.thermocline.admincli.server.ServerOptions;
import io.thermocline.admincli.server.ServerSettings;
import io.thermocline.admincli.server.ThermoServer;
import io.thermocline.common.config.Config;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thermo server [--data DIR] [--config FILE]}: runs the server until SIGTERM (or Ctrl-C),
 * then stops the endpoints, checkpoints and closes the database. The first start on an empty
 * directory creates the user admin with $THERMO_ADMIN_PASSWORD or prints a generated password.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "server",
    description = "Run the server: engine, aging, JDBC, admin API and metrics.")
public final class ServerCommand extends CommandBase {
  /** What {@link #call} returns once the server stopped: the JVM is exiting already. */
  public static final int KEEP_RUNNING = Integer.MIN_VALUE;

  /** The embedded default data directory. */
  public static final String DEFAULT_DATA = "thermocline-data";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default ./" + DEFAULT_DATA + ").")
  Path data = Path.of(DEFAULT_DATA);

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings (properties): server.*, engine.*, aging.*, ...")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    Config c = loadConfig(config);
    String pw = root().env().get("THERMO_ADMIN_PASSWORD");
    ThermoServer server =
        ThermoServer.start(
            new ServerOptions(
                data,
                c,
                pw == null ? null : pw.toCharArray(),
                new java.io.PrintStream(System.out, true, StandardCharsets.UTF_8)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                    System.out.println("thermo server stopped");
                  } finally {
                    stopped.countDown();
                  }
                },
                "thermo-server-shutdown"));
    root()
        .out()
        .println(
            "thermo server ready: data="
                + data.toAbsolutePath()
                + " admin="
                + server.adminUrl()
                + " jdbc="
                + server.jdbcUrl());
    root().out().flush();
    stopped.await();
    return KEEP_RUNNING;
  }

  /** The settings of a properties file (none: the defaults); unknown names are refused. */
  public static Config loadConfig(Path file) {
    if (file == null) {
      return Config.defaults();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new CliFailure(null, "cannot read the config file " + file + ": " + e.getMessage());
    }
    return Config.parse(p, ServerSettings.all());
  }
}

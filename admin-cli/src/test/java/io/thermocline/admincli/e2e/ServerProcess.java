package io.thermocline.admincli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.thermocline.admincli.ThermoCommand;
import io.thermocline.admincli.cli.CliRun;
import io.thermocline.testkit.crash.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code thermo server} process (the same main class bin/thermo runs) on free ports, with
 * the admin password it generated on its first start. Stopped with SIGTERM, as an operator would.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("admin=(\\S+) jdbc=(\\S+)");
  private static final Pattern PASSWORD = Pattern.compile("generated password (\\S+)");

  final ChildJvm jvm;
  final String adminUrl;
  final String jdbcUrl;
  final String adminPassword;

  private ServerProcess(ChildJvm jvm, String adminUrl, String jdbcUrl, String adminPassword) {
    this.jvm = jvm;
    this.adminUrl = adminUrl;
    this.jdbcUrl = jdbcUrl;
    this.adminPassword = adminPassword;
  }

  /** Starts a server on {@code data}; fast password hashing, ports 0, extra settings appended. */
  static ServerProcess start(Path data, String heap, String... settings) throws IOException {
    Path config = Files.createTempFile("thermo-server-", ".properties");
    StringBuilder sb =
        new StringBuilder(
            "server.admin.port=0\nserver.jdbc.port=0\nserver.password.iterations=10000\n");
    for (String s : settings) {
      sb.append(s).append('\n');
    }
    Files.writeString(config, sb);
    ChildJvm jvm =
        ChildJvm.builder(ThermoCommand.class.getName())
            .jvmArgs("-Xmx" + heap, "-XX:TieredStopAtLevel=4")
            .args("server", "--data", data.toString(), "--config", config.toString())
            .start();
    String ready = jvm.awaitLineContaining("thermo server ready", Duration.ofSeconds(90));
    Matcher m = READY.matcher(ready);
    assertThat(m.find()).as(ready).isTrue();
    String password = null;
    for (String line : jvm.lines()) {
      Matcher p = PASSWORD.matcher(line);
      if (p.find()) {
        password = p.group(1);
      }
    }
    return new ServerProcess(jvm, m.group(1), m.group(2), password);
  }

  Map<String, String> as(String user, String password) {
    return CliRun.as(adminUrl, user, password);
  }

  Map<String, String> admin() {
    return as("admin", adminPassword);
  }

  /** SIGTERM, then waits for the graceful stop; returns the exit status. */
  int stop() {
    ProcessHandle.of(jvm.pid()).ifPresent(ProcessHandle::destroy);
    int status = jvm.awaitExit(Duration.ofSeconds(60));
    assertThat(jvm.lines()).as(jvm.describe("no graceful stop")).contains("thermo server stopped");
    return status;
  }

  @Override
  public void close() {
    jvm.close();
  }
}

package io.thermocline.admincli.cli;

import io.thermocline.admincli.ThermoCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the real {@code thermo} command line in-process and captures its exit status and output. */
public record CliRun(int status, String out, String err) {

  public static CliRun run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        ThermoCommand.run(
            args,
            new HashMap<>(env),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    CliRun r = new CliRun(status, out.toString(), err.toString());
    System.out.println(
        "$ thermo " + String.join(" ", args) + "\n" + r.out + r.err + "-> " + status);
    return r;
  }

  /** Environment of a user: server URL, name and password. */
  public static Map<String, String> as(String server, String user, String password) {
    Map<String, String> env = new HashMap<>();
    env.put("THERMO_SERVER", server);
    env.put("THERMO_USER", user);
    env.put("THERMO_PASSWORD", password);
    return env;
  }

  /** The last line of stderr (a progress bar may precede it). */
  public String errorLine() {
    String[] lines = err.strip().split("\n");
    return lines[lines.length - 1];
  }
}

package io.thermocline.admincli.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo age run|history}.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "age",
    description = "Run aging now and show past runs.",
    subcommands = {AgeCommand.Run.class, AgeCommand.History.class})
public final class AgeCommand {

  /** {@code thermo age run TABLE}. */
  @Command(name = "run", description = "Run a table's aging policy now and wait for it.")
  public static final class Run extends CommandBase {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Override
    public Integer call() {
      output().line("aging " + table + " ...");
      return show(client().post("/api/aging/" + AdminClient.segment(table) + "/run", null));
    }
  }

  /** {@code thermo age history [--table T] [--limit N]}. */
  @Command(name = "history", description = "Past aging runs, oldest first.")
  public static final class History extends CommandBase {
    @Option(names = "--table", paramLabel = "TABLE")
    String table;

    @Option(names = "--limit", defaultValue = "50")
    int limit;

    @Override
    public Integer call() {
      String q = "?limit=" + limit + (table == null ? "" : "&table=" + AdminClient.segment(table));
      return show(client().get("/api/aging/runs" + q));
    }
  }
}

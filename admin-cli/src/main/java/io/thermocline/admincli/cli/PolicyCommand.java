package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.admincli.admin.AdminJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo policy show|set|enable|disable|dry-run}.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "policy",
    description = "Show and change aging policies of hybrid tables.",
    subcommands = {
      PolicyCommand.Show.class,
      PolicyCommand.Set.class,
      PolicyCommand.Enable.class,
      PolicyCommand.Disable.class,
      PolicyCommand.DryRun.class
    })
public final class PolicyCommand {

  static String path(String table) {
    return "/api/policies/" + AdminClient.segment(table);
  }

  /** {@code thermo policy show [TABLE]}. */
  @Command(name = "show", description = "Show the policy of a table, or of every hybrid table.")
  public static final class Show extends CommandBase {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TABLE")
    String table;

    @Override
    public Integer call() {
      return show(client().get(table == null ? "/api/policies" : path(table)));
    }
  }

  /** {@code thermo policy set TABLE [--rule R] [--schedule S]}. */
  @Command(
      name = "set",
      description = "Set the aging rule and/or schedule; both are checked before either changes.")
  public static final class Set extends CommandBase {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Option(names = "--rule", paramLabel = "CONDITION", description = "'' removes the rule.")
    String rule;

    @Option(
        names = "--schedule",
        paramLabel = "'EVERY n UNIT'|'CRON expr'",
        description = "'' removes the schedule.")
    String schedule;

    @Override
    public Integer call() {
      if (rule == null && schedule == null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "give --rule and/or --schedule");
      }
      ObjectNode body = AdminJson.mapper().createObjectNode();
      if (rule != null) {
        body.put("rule", rule);
      }
      if (schedule != null) {
        body.put("schedule", schedule);
      }
      return show(client().put(path(table), body));
    }
  }

  /** {@code thermo policy enable TABLE}. */
  @Command(name = "enable", description = "Enable aging of a table (its schedule runs).")
  public static final class Enable extends CommandBase {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Override
    public Integer call() {
      return show(client().post(path(table) + "/enable", null));
    }
  }

  /** {@code thermo policy disable TABLE}. */
  @Command(name = "disable", description = "Disable aging of a table.")
  public static final class Disable extends CommandBase {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Override
    public Integer call() {
      return show(client().post(path(table) + "/disable", null));
    }
  }

  /** {@code thermo policy dry-run TABLE}. */
  @Command(
      name = "dry-run",
      description = "What a run would move now, each way, in rows and bytes; changes nothing.")
  public static final class DryRun extends CommandBase {
    @Parameters(index = "0", paramLabel = "TABLE")
    String table;

    @Override
    public Integer call() {
      return show(client().get(path(table) + "/dry-run"));
    }
  }
}

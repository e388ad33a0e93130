package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.ThermoCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the root command (environment, streams, global options), the admin
 * client and the output. A command returns its exit status. Single-threaded.
 */
public abstract class CommandBase implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  protected ThermoCommand root() {
    return (ThermoCommand) spec.root().userObject();
  }

  protected AdminClient client() {
    return root().client();
  }

  protected Output output() {
    return root().output();
  }

  /** Prints a server answer as JSON or as text and succeeds. */
  protected Integer show(JsonNode answer) {
    output().print(answer);
    return 0;
  }
}

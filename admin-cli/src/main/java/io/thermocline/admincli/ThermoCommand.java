package io.thermocline.admincli;

import io.thermocline.admincli.cli.AdminClient;
import io.thermocline.admincli.cli.AgeCommand;
import io.thermocline.admincli.cli.BackupCommand;
import io.thermocline.admincli.cli.CliFailure;
import io.thermocline.admincli.cli.DemoCommand;
import io.thermocline.admincli.cli.LoadCommand;
import io.thermocline.admincli.cli.Output;
import io.thermocline.admincli.cli.PolicyCommand;
import io.thermocline.admincli.cli.RecoverCommand;
import io.thermocline.admincli.cli.RestoreCommand;
import io.thermocline.admincli.cli.ServerCommand;
import io.thermocline.admincli.cli.SqlCommand;
import io.thermocline.admincli.cli.StatusCommand;
import io.thermocline.admincli.cli.TableCommand;
import io.thermocline.admincli.cli.UserCommand;
import io.thermocline.common.error.ThermoException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code thermo}: the command line of Thermocline. Exit status 0 on success, 1 when the command
 * failed (one line on stderr: the error code and message; the stack trace only with {@code
 * --verbose}), 2 on a usage error. The environment and the streams are injected so tests run the
 * real command in-process.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "thermo",
    mixinStandardHelpOptions = true,
    version = "thermo 0.1.0",
    description = "Thermocline: hybrid hot/cold storage for time-stamped data.",
    subcommands = {
      ServerCommand.class,
      TableCommand.class,
      PolicyCommand.class,
      AgeCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      RecoverCommand.class,
      StatusCommand.class,
      LoadCommand.class,
      SqlCommand.class,
      UserCommand.class,
      DemoCommand.class
    })
public final class ThermoCommand {
  /** The admin API a client command talks to unless {@code --server} or THERMO_SERVER says. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8766";

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "Admin API of the server (default: $THERMO_SERVER or " + DEFAULT_SERVER + ").")
  String server;

  @Option(
      names = {"-u", "--user"},
      scope = ScopeType.INHERIT,
      description =
          "User name (default: $THERMO_USER or admin); password from $THERMO_PASSWORD or"
              + " a prompt.")
  String user;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output.")
  boolean json;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Stack traces on errors.")
  boolean verbose;

  private final Map<String, String> env;
  private final InputStream stdin;
  private PrintWriter out;
  private PrintWriter err;
  private BufferedReader lines;

  public ThermoCommand(Map<String, String> env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int status = run(args, System.getenv(), System.in, out, err);
    if (status != ServerCommand.KEEP_RUNNING) {
      System.exit(status);
    }
  }

  /** Runs one command line; returns the exit status. */
  public static int run(
      String[] args, Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err) {
    ThermoCommand root = new ThermoCommand(env, stdin);
    root.out = out;
    root.err = err;
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (e, a) -> {
          CommandLine c = e.getCommandLine();
          err.println(
              "error: "
                  + e.getMessage()
                  + " (see '"
                  + c.getCommandSpec().qualifiedName()
                  + " --help')");
          err.flush();
          return CommandLine.ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          err.println("error: " + oneLine(e));
          if (root.verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
          }
          err.flush();
          return e instanceof CommandLine.ParameterException
              ? CommandLine.ExitCode.USAGE
              : CommandLine.ExitCode.SOFTWARE;
        });
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static String oneLine(Exception e) {
    if (e instanceof CliFailure f) {
      return f.line();
    }
    if (e instanceof ThermoException) {
      return e.getMessage();
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  // ---------------------------------------------------------------- for the subcommands

  public Map<String, String> env() {
    return env;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public boolean json() {
    return json;
  }

  /** Standard input (a script piped to {@code thermo sql}). */
  public InputStream stdin() {
    return stdin;
  }

  public Output output() {
    return new Output(out, json);
  }

  /** The client of the admin API, with the user's credentials. */
  public AdminClient client() {
    String url = server != null ? server : env.getOrDefault("THERMO_SERVER", DEFAULT_SERVER);
    return new AdminClient(url, userName(), password());
  }

  public String userName() {
    return user != null ? user : env.getOrDefault("THERMO_USER", "admin");
  }

  /** $THERMO_PASSWORD, else a prompt on the console (no echo), else a line of stdin. */
  public char[] password() {
    String p = env.get("THERMO_PASSWORD");
    if (p != null) {
      return p.toCharArray();
    }
    return secret("password for " + userName() + ": ");
  }

  /** Reads a secret: from the console without echo, or a line of stdin when there is none. */
  public char[] secret(String prompt) {
    if (System.console() != null && stdin == System.in) {
      char[] p = System.console().readPassword("%s", prompt);
      if (p != null) {
        return p;
      }
    }
    try {
      if (lines == null) {
        lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      }
      String line = lines.readLine();
      if (line == null) {
        throw new CliFailure(null, "no password given (set THERMO_PASSWORD or type it)");
      }
      return line.toCharArray();
    } catch (java.io.IOException e) {
      throw new CliFailure(null, "cannot read the password: " + e.getMessage());
    }
  }
}

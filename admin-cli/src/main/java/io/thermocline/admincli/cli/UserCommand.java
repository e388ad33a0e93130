package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.admincli.admin.AdminJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo user list|add|passwd|role|delete|whoami}. New passwords come from
 * $THERMO_NEW_PASSWORD or a prompt, never from the command line (it shows in process lists).
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "user",
    description = "Manage users and their roles (ADMIN, WRITER, REPORTER).",
    subcommands = {
      UserCommand.ListUsers.class,
      UserCommand.Add.class,
      UserCommand.Passwd.class,
      UserCommand.SetRole.class,
      UserCommand.Delete.class,
      UserCommand.WhoAmI.class
    })
public final class UserCommand {

  static char[] newPassword(CommandBase c, String user) {
    String p = c.root().env().get("THERMO_NEW_PASSWORD");
    return p != null ? p.toCharArray() : c.root().secret("new password for " + user + ": ");
  }

  static String path(String user) {
    return "/api/users/" + AdminClient.segment(user);
  }

  /** {@code thermo user list}. */
  @Command(name = "list", description = "List users.")
  public static final class ListUsers extends CommandBase {
    @Override
    public Integer call() {
      return show(client().get("/api/users"));
    }
  }

  /** {@code thermo user add NAME --role ROLE}. */
  @Command(name = "add", description = "Add a user (password from $THERMO_NEW_PASSWORD or prompt).")
  public static final class Add extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ADMIN|WRITER|REPORTER")
    String role;

    @Override
    public Integer call() {
      AdminClient client = client();
      ObjectNode body = AdminJson.mapper().createObjectNode();
      body.put("name", name);
      body.put("role", role);
      body.put("password", new String(newPassword(this, name)));
      return show(client.post("/api/users", body));
    }
  }

  /** {@code thermo user passwd NAME}. */
  @Command(name = "passwd", description = "Change a password (your own, or anyone's as ADMIN).")
  public static final class Passwd extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      AdminClient client = client();
      ObjectNode body = AdminJson.mapper().createObjectNode();
      body.put("password", new String(newPassword(this, name)));
      client.put(path(name) + "/password", body);
      output().line("password of " + name + " changed");
      return output().json() ? show(AdminJson.mapper().createObjectNode().put("changed", name)) : 0;
    }
  }

  /** {@code thermo user role NAME ROLE}. */
  @Command(name = "role", description = "Change a user's role.")
  public static final class SetRole extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", paramLabel = "ADMIN|WRITER|REPORTER")
    String role;

    @Override
    public Integer call() {
      return show(
          client()
              .put(path(name) + "/role", AdminJson.mapper().createObjectNode().put("role", role)));
    }
  }

  /** {@code thermo user delete NAME}. */
  @Command(name = "delete", description = "Delete a user (not the last ADMIN).")
  public static final class Delete extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      client().delete(path(name));
      output().line("deleted user " + name);
      return output().json() ? show(AdminJson.mapper().createObjectNode().put("deleted", name)) : 0;
    }
  }

  /** {@code thermo user whoami}. */
  @Command(name = "whoami", description = "The user the credentials authenticate as.")
  public static final class WhoAmI extends CommandBase {
    @Override
    public Integer call() {
      return show(client().get("/api/whoami"));
    }
  }
}

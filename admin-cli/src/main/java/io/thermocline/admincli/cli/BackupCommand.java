package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.admincli.admin.AdminJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo backup create|list|verify|delete}: online backups through the server, into its
 * default target ({@code <data>-backups}) unless {@code --target} names another (a directory or a
 * Hadoop file system URI). Create and verify show progress.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "backup",
    description = "Create, list, verify and delete backups (online, through the server).",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Verify.class,
      BackupCommand.Delete.class
    })
public final class BackupCommand {

  static String query(String target) {
    return target == null ? "" : "?target=" + AdminClient.segment(target);
  }

  /** {@code thermo backup create [--label L] [--target T] [--log]}. */
  @Command(name = "create", description = "Take a full backup of both tiers at one commit id.")
  public static final class Create extends CommandBase {
    @Option(names = "--label", defaultValue = "")
    String label;

    @Option(
        names = "--log",
        description = "A log backup: the log since the last backup (for recover --until).")
    boolean log;

    @Option(names = "--target", paramLabel = "DIR|URI")
    String target;

    @Override
    public Integer call() {
      ObjectNode body = AdminJson.mapper().createObjectNode().put("label", label).put("log", log);
      if (target != null) {
        body.put("target", target);
      }
      AdminClient client = client();
      JsonNode r =
          client.postWithProgress(
              "/api/backups",
              body,
              new ProgressBar(root().err(), "backup", true, !output().json()));
      output()
          .line("backup " + r.path("id").asText() + " at commit id " + r.path("commitId").asLong());
      return show(r);
    }
  }

  /** {@code thermo backup list [--target T]}. */
  @Command(name = "list", description = "List the backups of a target.")
  public static final class ListBackups extends CommandBase {
    @Option(names = "--target", paramLabel = "DIR|URI")
    String target;

    @Override
    public Integer call() {
      return show(client().get("/api/backups" + query(target)));
    }
  }

  /** {@code thermo backup verify ID [--target T]}. */
  @Command(name = "verify", description = "Re-hash every file of a backup; names damaged files.")
  public static final class Verify extends CommandBase {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--target", paramLabel = "DIR|URI")
    String target;

    @Override
    public Integer call() {
      AdminClient client = client();
      JsonNode r =
          client.postWithProgress(
              "/api/backups/" + AdminClient.segment(id) + "/verify" + query(target),
              null,
              new ProgressBar(root().err(), "verify", true, !output().json()));
      show(r);
      if (!r.path("intact").asBoolean()) {
        throw new CliFailure(
            "TC-3007", "backup " + id + " is damaged: " + String.join("; ", damages(r)));
      }
      return 0;
    }

    private static java.util.List<String> damages(JsonNode r) {
      java.util.List<String> out = new java.util.ArrayList<>();
      r.path("damages").forEach(d -> out.add(d.asText()));
      return out;
    }
  }

  /** {@code thermo backup delete ID [--target T]}. */
  @Command(name = "delete", description = "Delete a backup (not one a later backup needs).")
  public static final class Delete extends CommandBase {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--target", paramLabel = "DIR|URI")
    String target;

    @Override
    public Integer call() {
      client().delete("/api/backups/" + AdminClient.segment(id) + query(target));
      output().line("deleted backup " + id);
      return output().json() ? show(AdminJson.mapper().createObjectNode().put("deleted", id)) : 0;
    }
  }
}

package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.admin.TableSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo table create|list|describe|drop}.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "table",
    description = "Create, list, describe and drop tables.",
    subcommands = {
      TableCommand.Create.class,
      TableCommand.ListTables.class,
      TableCommand.Describe.class,
      TableCommand.Drop.class
    })
public final class TableCommand {

  /** {@code thermo table create NAME --column "id BIGINT" ... [--hybrid|--cold] ...}. */
  @Command(
      name = "create",
      description = "Create a table.",
      footer = {
        "",
        "Example:",
        "  thermo table create orders --hybrid --column \"id BIGINT\" --column \"amount"
            + " DECIMAL(12,2)\" \\",
        "    --column \"created_at TIMESTAMP NOT NULL\" --column \"status VARCHAR(10)\""
            + " --primary-key id \\",
        "    --time-column created_at --aging-rule \"created_at < CURRENT_TIMESTAMP - INTERVAL '90'"
            + " DAY\" \\",
        "    --schedule \"EVERY 15 MINUTES\""
      })
  public static final class Create extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "Table name.")
    String name;

    @Option(
        names = "--kind",
        paramLabel = "HOT|HYBRID|COLD",
        description = "Where rows live (default HOT; --hybrid and --cold are short for it).")
    String kind;

    @Option(names = "--hybrid", description = "A hybrid table (hot + cold, aged by a flag).")
    boolean hybrid;

    @Option(names = "--cold", description = "A cold-only table (extended storage).")
    boolean cold;

    @Option(
        names = {"-c", "--column"},
        required = true,
        paramLabel = "'NAME TYPE [NOT NULL]'",
        description = "A column, in SQL words; repeat for each column.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--primary-key", split = ",", paramLabel = "COL[,COL]")
    List<String> primaryKey = new ArrayList<>();

    @Option(names = "--time-column", paramLabel = "COL")
    String timeColumn;

    @Option(names = "--partition-by", paramLabel = "DAY|MONTH|YEAR")
    String partitionBy;

    @Option(names = "--aging-rule", paramLabel = "CONDITION")
    String agingRule;

    @Option(names = "--schedule", paramLabel = "'EVERY n UNIT'|'CRON expr'")
    String schedule;

    @Option(names = "--aging-disabled", description = "Create with aging disabled.")
    boolean agingDisabled;

    @Override
    public Integer call() {
      String k = kind != null ? kind : hybrid ? "HYBRID" : cold ? "COLD" : "HOT";
      TableSpec s =
          new TableSpec(
              name,
              k,
              columns,
              primaryKey,
              timeColumn,
              partitionBy,
              agingRule,
              schedule,
              agingDisabled ? Boolean.FALSE : null);
      return show(client().post("/api/tables", s));
    }
  }

  /** {@code thermo table list}. */
  @Command(name = "list", description = "List the tables with rows per tier.")
  public static final class ListTables extends CommandBase {
    @Override
    public Integer call() {
      JsonNode tables = client().get("/api/tables");
      if (output().json()) {
        return show(tables);
      }
      ArrayNode rows = AdminJson.mapper().createArrayNode();
      for (JsonNode t : tables) {
        ObjectNode r = rows.addObject();
        r.put("name", t.path("name").asText());
        r.put("kind", t.path("kind").asText());
        r.put("hotRows", t.path("hotRows").asLong());
        r.put("coldRows", t.path("coldRows").asLong());
        r.put("hotMemoryBytes", t.path("hotMemoryBytes").asLong());
        r.put("coldBytes", t.path("coldBytes").asLong());
        r.put("agingRule", t.path("agingRule").asText(""));
        r.put("schedule", t.path("agingSchedule").asText(""));
      }
      return show(rows);
    }
  }

  /** {@code thermo table describe NAME}. */
  @Command(name = "describe", description = "Show a table's columns, policy and tiers.")
  public static final class Describe extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      return show(client().get("/api/tables/" + AdminClient.segment(name)));
    }
  }

  /** {@code thermo table drop NAME}. */
  @Command(name = "drop", description = "Drop a table and all its rows in both tiers.")
  public static final class Drop extends CommandBase {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      client().delete("/api/tables/" + AdminClient.segment(name));
      output().line("dropped table " + name);
      if (output().json()) {
        return show(AdminJson.mapper().createObjectNode().put("dropped", name));
      }
      return 0;
    }
  }
}

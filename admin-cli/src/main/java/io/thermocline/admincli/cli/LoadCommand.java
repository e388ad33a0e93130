package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thermo load TABLE FILE}: loads a CSV or Parquet file into a table as one transaction (all
 * rows or none); a bad row aborts the load naming the file, line and column. Progress on stderr.
 *
 * <p>Single-threaded: one instance runs one command line.
 */
@Command(
    name = "load",
    description = "Load a CSV (with a header) or Parquet file into a table, atomically.")
public final class LoadCommand extends CommandBase {
  @Parameters(index = "0", paramLabel = "TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "FILE")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "csv|parquet",
      description = "Default: from the file name (.parquet, else CSV).")
  String format;

  @Option(names = "--delimiter", defaultValue = ",", description = "CSV field delimiter.")
  char delimiter;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new CliFailure(null, "no such file " + file);
    }
    AdminClient client = client();
    String f = format != null ? format.toLowerCase(Locale.ROOT) : guess(file);
    ProgressBar bar =
        new ProgressBar(
            root().err(), "load " + file.getFileName(), f.equals("csv"), !output().json());
    try (RowSource rows = open(f)) {
      RowStream stream = new RowStream(rows, bar);
      JsonNode result;
      try {
        result =
            client.postStream(
                "/api/tables/" + AdminClient.segment(table) + "/load", () -> (InputStream) stream);
      } catch (CliFailure e) {
        if (stream.failure() != null) {
          throw stream.failure();
        }
        throw e;
      } finally {
        bar.finish();
      }
      output()
          .line(
              "loaded "
                  + result.path("rows").asLong()
                  + " rows into "
                  + result.path("table").asText()
                  + " in "
                  + result.path("millis").asLong()
                  + " ms");
      return output().json() ? show(result) : 0;
    } catch (UncheckedIOException e) {
      throw new CliFailure(null, e.getCause().getMessage());
    }
  }

  private RowSource open(String f) throws IOException {
    return switch (f) {
      case "csv" -> new CsvRows(file, delimiter);
      case "parquet" -> new ParquetRows(file);
      default -> throw new CliFailure(null, "unknown format " + f + "; use csv or parquet");
    };
  }

  private static String guess(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")
        ? "parquet"
        : "csv";
  }
}

package io.thermocline.sql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/**
 * A real SQL shell on the remote URL: sqlline runs a script and prints what the server answered.
 */
class SqllineTest {
  @TempDir Path dir;

  @Test
  void runsAScriptAgainstTheRemoteUrl() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path script = dir.resolve("script.sql");
    Files.writeString(
        script,
        String.join(
            "\n",
            "CREATE TABLE regions (code VARCHAR(8) PRIMARY KEY, name VARCHAR(32));",
            "INSERT INTO regions VALUES ('N', 'North'), ('S', 'South');",
            "UPDATE regions SET name = 'Southern' WHERE code = 'S';",
            "SELECT code, name FROM regions ORDER BY code;",
            "SELECT TABLE_NAME, KIND FROM SYS.TABLES;",
            "CALL SYS.ECHO('sqlline', 1);",
            "SELECT * FROM nowhere;",
            ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (TestServer server = new TestServer(data)) {
      SqlLine shell = new SqlLine();
      shell.setOutputStream(new PrintStream(out, true, StandardCharsets.UTF_8));
      shell.setErrorStream(new PrintStream(err, true, StandardCharsets.UTF_8));
      SqlLine.Status status =
          shell.begin(
              new String[] {
                "-u",
                server.server.url(),
                "-n",
                "admin",
                "-p",
                TestServer.USERS.get("admin")[0].toString(),
                "-d",
                "io.thermocline.sql.jdbc.ThermoDriver",
                "--outputformat=csv",
                "--showHeader=true",
                "--force=true",
                "-f",
                script.toString()
              },
              null,
              false);
      String output = out.toString(StandardCharsets.UTF_8);
      String errors = err.toString(StandardCharsets.UTF_8);
      System.out.println(output);
      System.out.println(errors);
      assertThat(output)
          .contains("'CODE','NAME'")
          .contains("'N','North'")
          .contains("'S','Southern'")
          .contains("'REGIONS','HOT'")
          .contains("'1','sqlline','2024-01-01'");
      assertThat(output + errors)
          .contains("2 rows affected")
          .contains("TC-1009: unknown table NOWHERE");
      assertThat(status).isEqualTo(SqlLine.Status.OTHER);
    }
  }
}

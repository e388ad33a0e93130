package io.thermocline.admincli.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.AdminJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prints an answer: with {@code --json} the JSON as it is (one document, pretty), otherwise as text
 * a person reads: an array of objects as an aligned table, an object as {@code key: value} lines.
 * Single-threaded.
 */
public final class Output {
  private final PrintWriter out;
  private final boolean json;

  public Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  public boolean json() {
    return json;
  }

  public void print(JsonNode node) {
    if (json) {
      try {
        out.println(AdminJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      } catch (JsonProcessingException e) {
        throw new CliFailure(null, "cannot print JSON: " + e.getMessage());
      }
    } else if (node.isArray()) {
      table(node);
    } else if (node.isObject()) {
      object(node, "");
    } else {
      out.println(node.asText());
    }
    out.flush();
  }

  /** A line of text (ignored with --json, where only the JSON document is printed). */
  public void line(String text) {
    if (!json) {
      out.println(text);
      out.flush();
    }
  }

  private void object(JsonNode node, String indent) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      JsonNode v = node.get(k);
      if (v.isNull()) {
        continue; // absent in text; --json shows it as null
      }
      if (v.isObject() && v.size() > 0) {
        out.println(indent + k + ":");
        object(v, indent + "  ");
      } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
        out.println(indent + k + ":");
        table(v, indent + "  ");
      } else {
        out.println(indent + k + ": " + cell(v));
      }
    }
  }

  private void table(JsonNode rows) {
    table(rows, "");
  }

  private void table(JsonNode rows, String indent) {
    if (rows.isEmpty()) {
      out.println(indent + "(none)");
      return;
    }
    if (!rows.get(0).isObject()) {
      for (JsonNode r : rows) {
        out.println(indent + cell(r));
      }
      return;
    }
    List<String> cols = new ArrayList<>();
    rows.get(0).fieldNames().forEachRemaining(cols::add);
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[cols.size()];
    for (int c = 0; c < cols.size(); c++) {
      width[c] = cols.get(c).length();
    }
    for (JsonNode r : rows) {
      String[] line = new String[cols.size()];
      for (int c = 0; c < line.length; c++) {
        line[c] = cell(r.get(cols.get(c)));
        width[c] = Math.min(60, Math.max(width[c], line[c].length()));
      }
      cells.add(line);
    }
    out.println(indent + row(cols.toArray(new String[0]), width));
    for (String[] line : cells) {
      out.println(indent + row(line, width));
    }
  }

  private static String row(String[] values, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < values.length; c++) {
      String v =
          values[c].length() > width[c] ? values[c].substring(0, width[c] - 1) + "~" : values[c];
      sb.append(v);
      if (c < values.length - 1) {
        sb.append(" ".repeat(width[c] - v.length() + 2));
      }
    }
    return sb.toString().stripTrailing();
  }

  private static String cell(JsonNode v) {
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isValueNode()) {
      return v.asText();
    }
    return v.toString();
  }
}

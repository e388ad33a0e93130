package io.thermocline.admincli.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names as SQL spells them, so a table made with the CLI is the table SQL sees: an unquoted name is
 * folded to upper case ({@code orders} is {@code ORDERS}, as in {@code CREATE TABLE orders}), a
 * double-quoted one is kept as written. Stateless.
 */
public final class SqlNames {
  private SqlNames() {}

  public static String canonical(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim();
    if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
      return n.substring(1, n.length() - 1).replace("\"\"", "\"");
    }
    return n.toUpperCase(Locale.ROOT);
  }

  public static List<String> canonical(List<String> names) {
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(canonical(n));
    }
    return out;
  }
}

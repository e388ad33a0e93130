package io.thermocline.engine.catalog;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.Literal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's tiny rule syntax, enough for aging rules without the SQL layer: {@code OR}, {@code
 * AND}, {@code NOT}, parentheses, {@code column op value}, {@code [NOT] BETWEEN}, {@code [NOT] IN},
 * {@code IS [NOT] NULL}; values are numbers, {@code 'strings'}, TRUE/FALSE/NULL, {@code DATE
 * '...'}, {@code TIMESTAMP '...'} and {@code CURRENT_TIMESTAMP [+|-] INTERVAL 'n'
 * SECOND|MINUTE|HOUR|DAY}. Months and years have no fixed length and are left to the SQL layer.
 * Single-use, single-threaded.
 */
final class AgingRuleParser {
  private final String text;
  private final List<String> tokens;
  private int pos;

  private AgingRuleParser(String text) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  /** The condition, or null when the text is outside the syntax. */
  static Expr tryParse(String text) {
    try {
      return parse(text);
    } catch (ThermoException e) {
      return null;
    }
  }

  static Expr parse(String text) {
    AgingRuleParser p = new AgingRuleParser(text);
    Expr e = p.or();
    if (p.pos != p.tokens.size()) {
      throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return e;
  }

  private Expr or() {
    List<Expr> terms = new ArrayList<>();
    terms.add(and());
    while (accept("OR")) {
      terms.add(and());
    }
    return terms.size() == 1 ? terms.get(0) : new Expr.Or(terms);
  }

  private Expr and() {
    List<Expr> terms = new ArrayList<>();
    terms.add(not());
    while (accept("AND")) {
      terms.add(not());
    }
    return terms.size() == 1 ? terms.get(0) : new Expr.And(terms);
  }

  private Expr not() {
    if (accept("NOT")) {
      return new Expr.Not(not());
    }
    if (accept("(")) {
      Expr e = or();
      expect(")");
      return e;
    }
    return predicate();
  }

  private Expr predicate() {
    String name = next();
    if (!isIdentifier(name)) {
      throw error("expected a column name, found '" + name + "'");
    }
    Expr.ColumnRef col = Expr.col(unquote(name));
    if (accept("IS")) {
      boolean negated = accept("NOT");
      expect("NULL");
      return new Expr.IsNull(col, negated);
    }
    boolean negated = accept("NOT");
    if (accept("BETWEEN")) {
      Expr low = value();
      expect("AND");
      Expr between = new Expr.Between(col, low, value());
      return negated ? new Expr.Not(between) : between;
    }
    if (accept("IN")) {
      expect("(");
      List<Literal> list = new ArrayList<>();
      do {
        list.add(value());
      } while (accept(","));
      expect(")");
      Expr in = new Expr.In(col, list);
      return negated ? new Expr.Not(in) : in;
    }
    if (negated) {
      throw error("expected BETWEEN or IN after NOT");
    }
    CompareOp op = compareOp(next());
    return new Expr.Compare(op, col, value());
  }

  private CompareOp compareOp(String t) {
    return switch (t) {
      case "=" -> CompareOp.EQ;
      case "<>", "!=" -> CompareOp.NE;
      case "<" -> CompareOp.LT;
      case "<=" -> CompareOp.LE;
      case ">" -> CompareOp.GT;
      case ">=" -> CompareOp.GE;
      default -> throw error("expected a comparison, found '" + t + "'");
    };
  }

  private Literal value() {
    String t = next();
    String upper = t.toUpperCase(Locale.ROOT);
    if (t.startsWith("'")) {
      return Expr.lit(t.substring(1, t.length() - 1).replace("''", "'"));
    }
    if (t.equals("-") && pos < tokens.size() && Character.isDigit(tokens.get(pos).charAt(0))) {
      return Expr.lit(number("-" + next()));
    }
    if (Character.isDigit(t.charAt(0))) {
      return Expr.lit(number(t));
    }
    switch (upper) {
      case "TRUE":
        return Expr.lit(Boolean.TRUE);
      case "FALSE":
        return Expr.lit(Boolean.FALSE);
      case "NULL":
        return Expr.lit(null);
      case "DATE":
        return Expr.lit(temporal(next(), true));
      case "TIMESTAMP":
        return Expr.lit(temporal(next(), false));
      case "CURRENT_TIMESTAMP":
      case "NOW":
        return Expr.lit(new RelativeTime(interval()));
      default:
        throw error("expected a value, found '" + t + "'");
    }
  }

  private long interval() {
    long sign;
    if (accept("-")) {
      sign = -1;
    } else if (accept("+")) {
      sign = 1;
    } else {
      return 0;
    }
    expect("INTERVAL");
    String amount = next();
    if (!amount.startsWith("'")) {
      throw error("expected a quoted interval amount, found '" + amount + "'");
    }
    long n;
    try {
      n = Long.parseLong(amount.substring(1, amount.length() - 1).trim());
    } catch (NumberFormatException e) {
      throw error("interval amount " + amount + " is not a whole number");
    }
    String unit = next().toUpperCase(Locale.ROOT);
    long micros =
        switch (unit) {
          case "MICROSECOND", "MICROSECONDS" -> 1L;
          case "SECOND", "SECONDS" -> 1_000_000L;
          case "MINUTE", "MINUTES" -> 60_000_000L;
          case "HOUR", "HOURS" -> 3_600_000_000L;
          case "DAY", "DAYS" -> 86_400_000_000L;
          default -> throw error("interval unit " + unit + " has no fixed length");
        };
    return sign * Math.multiplyExact(n, micros);
  }

  private Object number(String t) {
    try {
      if (t.contains(".") || t.contains("e") || t.contains("E")) {
        return new BigDecimal(t);
      }
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw error("bad number " + t);
    }
  }

  private Object temporal(String quoted, boolean date) {
    if (!quoted.startsWith("'")) {
      throw error("expected a quoted " + (date ? "date" : "timestamp"));
    }
    String s = quoted.substring(1, quoted.length() - 1).trim();
    try {
      return date ? LocalDate.parse(s) : LocalDateTime.parse(s.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw error("bad " + (date ? "date" : "timestamp") + " " + quoted);
    }
  }

  private boolean accept(String keyword) {
    if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String keyword) {
    if (!accept(keyword)) {
      throw error(
          "expected "
              + keyword
              + (pos < tokens.size() ? ", found '" + tokens.get(pos) + "'" : " at the end"));
    }
  }

  private String next() {
    if (pos >= tokens.size()) {
      throw error("unexpected end of the rule");
    }
    return tokens.get(pos++);
  }

  private static boolean isIdentifier(String t) {
    return t.startsWith("\"") || Character.isLetter(t.charAt(0)) || t.charAt(0) == '_';
  }

  private static String unquote(String t) {
    return t.startsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }

  private ThermoException error(String what) {
    return new ThermoException(ErrorCode.INVALID_ARGUMENT, "aging rule '" + text + "': " + what);
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < s.length()) {
          if (s.charAt(j) == c && j + 1 < s.length() && s.charAt(j + 1) == c) {
            j += 2;
          } else if (s.charAt(j) == c) {
            break;
          } else {
            j++;
          }
        }
        if (j >= s.length()) {
          throw new ThermoException(
              ErrorCode.INVALID_ARGUMENT, "aging rule '" + s + "': unterminated quote");
        }
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        int j = i;
        while (j < s.length()
            && (Character.isLetterOrDigit(s.charAt(j))
                || s.charAt(j) == '_'
                || s.charAt(j) == '.')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if ((c == '<' || c == '>' || c == '!')
          && i + 1 < s.length()
          && (s.charAt(i + 1) == '=' || (c == '<' && s.charAt(i + 1) == '>'))) {
        out.add(s.substring(i, i + 2));
        i += 2;
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }
}

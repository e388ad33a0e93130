package io.thermocline.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.CompareOp;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.expr.Expr.And;
import io.thermocline.common.expr.Expr.Between;
import io.thermocline.common.expr.Expr.ColumnRef;
import io.thermocline.common.expr.Expr.Compare;
import io.thermocline.common.expr.Expr.In;
import io.thermocline.common.expr.Expr.IsNull;
import io.thermocline.common.expr.Expr.Literal;
import io.thermocline.common.expr.Expr.Not;
import io.thermocline.common.expr.Expr.Or;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of an unbound {@link Expr} (aging rules). Literals carry a type tag so that a DATE
 * stays a date and a {@link RelativeTime} stays relative across a reopen. Stateless.
 */
final class ExprJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExprJson() {}

  static JsonNode write(Expr e) {
    ObjectNode n = NODES.objectNode();
    if (e instanceof ColumnRef c) {
      n.put("col", c.name());
    } else if (e instanceof Literal l) {
      writeLiteral(n, l.value());
    } else if (e instanceof Compare c) {
      n.put("cmp", c.op().name());
      n.set("left", write(c.left()));
      n.set("right", write(c.right()));
    } else if (e instanceof Between b) {
      n.set("between", write(b.value()));
      n.set("low", write(b.low()));
      n.set("high", write(b.high()));
    } else if (e instanceof In in) {
      n.set("in", write(in.value()));
      ArrayNode list = n.putArray("list");
      for (Literal l : in.list()) {
        list.add(write(l));
      }
    } else if (e instanceof IsNull i) {
      n.set("isNull", write(i.value()));
      n.put("negated", i.negated());
    } else if (e instanceof And a) {
      ArrayNode terms = n.putArray("and");
      a.terms().forEach(t -> terms.add(write(t)));
    } else if (e instanceof Or o) {
      ArrayNode terms = n.putArray("or");
      o.terms().forEach(t -> terms.add(write(t)));
    } else if (e instanceof Not x) {
      n.set("not", write(x.term()));
    } else {
      throw new ThermoException(ErrorCode.INTERNAL, "unknown expression " + e);
    }
    return n;
  }

  private static void writeLiteral(ObjectNode n, Object v) {
    if (v == null) {
      n.put("lit", "null");
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      n.put("lit", "long").put("v", ((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      n.put("lit", "double").put("v", ((Number) v).doubleValue());
    } else if (v instanceof BigDecimal d) {
      n.put("lit", "decimal").put("v", d.toPlainString());
    } else if (v instanceof String s) {
      n.put("lit", "string").put("v", s);
    } else if (v instanceof Boolean b) {
      n.put("lit", "bool").put("v", b);
    } else if (v instanceof LocalDate d) {
      n.put("lit", "date").put("v", d.toString());
    } else if (v instanceof LocalDateTime t) {
      n.put("lit", "timestamp").put("v", t.toString());
    } else if (v instanceof RelativeTime r) {
      n.put("lit", "relative").put("v", r.offsetMicros());
    } else {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "a literal of type " + v.getClass().getSimpleName() + " cannot be stored in the catalog");
    }
  }

  static Expr read(JsonNode n) {
    if (n.has("col")) {
      return Expr.col(n.get("col").asText());
    }
    if (n.has("lit")) {
      return readLiteral(n);
    }
    if (n.has("cmp")) {
      return new Compare(
          CompareOp.valueOf(n.get("cmp").asText()), read(n.get("left")), read(n.get("right")));
    }
    if (n.has("between")) {
      return new Between(read(n.get("between")), read(n.get("low")), read(n.get("high")));
    }
    if (n.has("in")) {
      List<Literal> list = new ArrayList<>();
      for (JsonNode l : n.get("list")) {
        list.add(readLiteral(l));
      }
      return new In(read(n.get("in")), list);
    }
    if (n.has("isNull")) {
      return new IsNull(read(n.get("isNull")), n.get("negated").asBoolean());
    }
    if (n.has("and")) {
      return new And(terms(n.get("and")));
    }
    if (n.has("or")) {
      return new Or(terms(n.get("or")));
    }
    if (n.has("not")) {
      return new Not(read(n.get("not")));
    }
    throw new ThermoException(ErrorCode.CORRUPT_FILE, "catalog: unknown expression node " + n);
  }

  private static List<Expr> terms(JsonNode array) {
    List<Expr> out = new ArrayList<>();
    for (JsonNode t : array) {
      out.add(read(t));
    }
    return out;
  }

  private static Literal readLiteral(JsonNode n) {
    String type = n.get("lit").asText();
    JsonNode v = n.get("v");
    return new Literal(
        switch (type) {
          case "null" -> null;
          case "long" -> v.asLong();
          case "double" -> v.asDouble();
          case "decimal" -> new BigDecimal(v.asText());
          case "string" -> v.asText();
          case "bool" -> v.asBoolean();
          case "date" -> LocalDate.parse(v.asText());
          case "timestamp" -> LocalDateTime.parse(v.asText());
          case "relative" -> new RelativeTime(v.asLong());
          default ->
              throw new ThermoException(
                  ErrorCode.CORRUPT_FILE, "catalog: unknown literal type " + type);
        });
  }
}

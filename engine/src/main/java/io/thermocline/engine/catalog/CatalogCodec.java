package io.thermocline.engine.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.coldstore.ColdPartitioning;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.common.type.TypeKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TableDefinition} as JSON (UTF-8 bytes), the value of its catalog key. Written by hand
 * through Jackson's tree model so the stored form is explicit and versioned ({@link #FORMAT}); a
 * newer format is refused with {@code FORMAT_TOO_NEW}, damage with {@code CORRUPT_FILE} naming the
 * table. Stateless and thread-safe.
 */
public final class CatalogCodec {
  /** Version of the JSON layout; readers accept up to this. */
  public static final int FORMAT = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CatalogCodec() {}

  public static byte[] encode(TableDefinition d) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("name", d.name());
    n.put("kind", d.kind().name());
    ArrayNode cols = n.putArray("columns");
    for (Column c : d.schema().columns()) {
      ObjectNode col = cols.addObject();
      col.put("name", c.name());
      col.put("type", c.type().kind().name());
      if (c.type().kind() == TypeKind.DECIMAL) {
        col.put("precision", c.type().precision()).put("scale", c.type().scale());
      }
      if (c.type().kind() == TypeKind.VARCHAR) {
        col.put("length", c.type().length());
      }
      col.put("nullable", c.nullable());
    }
    ArrayNode pk = n.putArray("primaryKey");
    d.schema().primaryKey().forEach(pk::add);
    n.put("timeColumn", d.schema().timeColumn().orElse(null));
    n.put("agingFlag", d.agingFlag());
    if (d.agingRule() != null) {
      ObjectNode rule = n.putObject("agingRule");
      rule.put("text", d.agingRule().text());
      if (d.agingRule().condition() != null) {
        rule.set("condition", ExprJson.write(d.agingRule().condition()));
      }
    }
    n.put("agingSchedule", d.agingSchedule());
    n.put("agingEnabled", d.agingEnabled());
    n.put("coldPartitioning", d.coldPartitioning().name());
    if (d.series() != null) {
      ObjectNode s = n.putObject("series");
      ArrayNode keys = s.putArray("seriesKey");
      d.series().seriesKey().forEach(keys::add);
      s.put("periodColumn", d.series().periodColumn());
      s.put("incrementMicros", d.series().incrementMicros());
      s.put("missingAllowed", d.series().missingAllowed());
      if (d.series().minValue() != null) {
        s.put("minValue", d.series().minValue());
      }
      if (d.series().maxValue() != null) {
        s.put("maxValue", d.series().maxValue());
      }
    }
    n.put("createdCid", d.createdCid());
    n.put("schemaVersion", d.schemaVersion());
    n.put("rewriteCid", d.rewriteCid());
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "cannot encode table " + d.name(), e);
    }
  }

  /** Decodes the value stored under {@code key}; errors name the key. */
  public static TableDefinition decode(String key, byte[] json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE,
          "catalog entry " + key + " is not valid JSON: " + e.getMessage(),
          e);
    }
    int format = n.path("format").asInt(-1);
    if (format > FORMAT) {
      throw new ThermoException(
          ErrorCode.FORMAT_TOO_NEW,
          "catalog entry " + key + " has format " + format + "; this build reads up to " + FORMAT);
    }
    try {
      return read(n);
    } catch (RuntimeException e) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE, "catalog entry " + key + " is damaged: " + e.getMessage(), e);
    }
  }

  private static TableDefinition read(JsonNode n) {
    List<Column> cols = new ArrayList<>();
    for (JsonNode c : required(n, "columns")) {
      TypeKind kind = TypeKind.valueOf(required(c, "type").asText());
      DataType type =
          switch (kind) {
            case DECIMAL -> DataType.decimal(c.get("precision").asInt(), c.get("scale").asInt());
            case VARCHAR -> DataType.varchar(c.get("length").asInt());
            default -> new DataType(kind, 0, 0, 0);
          };
      cols.add(new Column(required(c, "name").asText(), type, c.path("nullable").asBoolean(true)));
    }
    List<String> pk = new ArrayList<>();
    for (JsonNode k : n.path("primaryKey")) {
      pk.add(k.asText());
    }
    Schema schema = new Schema(cols, pk, text(n, "timeColumn"));
    AgingRule rule = null;
    JsonNode r = n.get("agingRule");
    if (r != null && !r.isNull()) {
      JsonNode cond = r.get("condition");
      rule =
          new AgingRule(
              text(r, "text"), cond == null || cond.isNull() ? null : ExprJson.read(cond));
    }
    SeriesSpec series = null;
    JsonNode s = n.get("series");
    if (s != null && !s.isNull()) {
      List<String> keys = new ArrayList<>();
      for (JsonNode k : s.path("seriesKey")) {
        keys.add(k.asText());
      }
      series =
          new SeriesSpec(
              keys,
              text(s, "periodColumn"),
              s.path("incrementMicros").asLong(),
              s.path("missingAllowed").asBoolean(),
              s.hasNonNull("minValue") ? s.get("minValue").asLong() : null,
              s.hasNonNull("maxValue") ? s.get("maxValue").asLong() : null);
    }
    return new TableDefinition(
        required(n, "name").asText(),
        TableKind.valueOf(required(n, "kind").asText()),
        schema,
        text(n, "agingFlag"),
        rule,
        text(n, "agingSchedule"),
        n.path("agingEnabled").asBoolean(),
        ColdPartitioning.valueOf(n.path("coldPartitioning").asText("NONE")),
        series,
        n.path("createdCid").asLong(),
        n.path("schemaVersion").asInt(1),
        n.path("rewriteCid").asLong());
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("field " + field + " is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}

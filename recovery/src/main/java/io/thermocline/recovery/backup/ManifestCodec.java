package io.thermocline.recovery.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.FormatVersionException;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.format.FileFormat;
import io.thermocline.common.io.FileIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code manifest.thrm}: a {@link FileFormat} container (magic, format name,
 * version, CRC32C footer, DESIGN.md section 11) whose body is {@code i32 length} + the manifest as
 * UTF-8 JSON. The JSON repeats format name and version, so a person can read it with {@code tail -c
 * +40}; the footer protects it (a damaged manifest is reported as damaged before it is parsed).
 * SHA-256 protects the data files, listed inside. Stateless and thread-safe.
 */
public final class ManifestCodec {
  /** The manifest's file name inside a backup directory. */
  public static final String FILE_NAME = "manifest.thrm";

  private static final FileFormat CONTAINER =
      FileFormat.of(
          BackupManifest.FORMAT, BackupManifest.VERSION_START, BackupManifest.VERSION_START);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestCodec() {}

  /** Writes the manifest atomically (temp, fsync, rename, fsync directory). */
  public static void write(FileIO io, String path, BackupManifest m) throws IOException {
    byte[] json = toJson(m);
    CONTAINER.writeAtomically(
        io,
        path,
        out -> {
          out.writeInt(json.length);
          out.writeBytes(json);
        });
  }

  /**
   * Reads a manifest; a damaged file is a {@link CorruptFileException} naming it, a newer one a
   * {@link FormatVersionException}.
   */
  public static BackupManifest read(FileIO io, String path) throws IOException {
    byte[] bytes = io.readAll(path);
    byte[] json =
        CONTAINER.decode(
            path,
            bytes,
            (in, version) -> {
              int n = in.readInt();
              in.require(n);
              byte[] b = new byte[n];
              in.readBytes(b, 0, n);
              return b;
            });
    return fromJson(path, json);
  }

  static byte[] toJson(BackupManifest m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", BackupManifest.FORMAT);
    root.put("version", BackupManifest.VERSION_START);
    root.put("id", m.id());
    root.put("kind", m.kind().name());
    root.put("label", m.label());
    root.put("commitId", m.commitId());
    root.put("createdMicros", m.createdMicros());
    root.put("database", m.database());
    if (m.previous() == null) {
      root.putNull("previous");
    } else {
      root.put("previous", m.previous());
    }
    root.put("fromLsn", m.fromLsn());
    root.put("toLsn", m.toLsn());
    root.put("totalBytes", m.totalBytes());
    ObjectNode attrs = root.putObject("attributes");
    new TreeMap<>(m.attributes()).forEach(attrs::put);
    ArrayNode files = root.putArray("files");
    for (BackupFile f : m.files()) {
      ObjectNode o = files.addObject();
      o.put("path", f.path());
      o.put("size", f.size());
      o.put("sha256", f.sha256());
      o.put("storedIn", f.storedIn());
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new ThermoException(ErrorCode.INTERNAL, "encoding backup manifest " + m.id(), e);
    }
  }

  static BackupManifest fromJson(String path, byte[] json) {
    try {
      JsonNode root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
      String format = text(root, "format", path);
      if (!BackupManifest.FORMAT.equals(format)) {
        throw new CorruptFileException(path, 0, "manifest format is '" + format + "'");
      }
      int version = root.path("version").asInt(-1);
      if (version < BackupManifest.VERSION_START || version > BackupManifest.VERSION_START) {
        throw new FormatVersionException(
            path,
            BackupManifest.FORMAT,
            version,
            BackupManifest.VERSION_START,
            BackupManifest.VERSION_START);
      }
      List<BackupFile> files = new ArrayList<>();
      for (JsonNode f : root.path("files")) {
        files.add(
            new BackupFile(
                text(f, "path", path),
                f.path("size").asLong(),
                text(f, "sha256", path),
                text(f, "storedIn", path)));
      }
      Map<String, String> attributes = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.path("attributes").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        attributes.put(e.getKey(), e.getValue().asText());
      }
      JsonNode previous = root.path("previous");
      return new BackupManifest(
          text(root, "id", path),
          BackupKind.valueOf(text(root, "kind", path)),
          root.path("label").asText(""),
          root.path("commitId").asLong(),
          root.path("createdMicros").asLong(),
          root.path("database").asText(""),
          previous.isNull() || previous.isMissingNode() ? null : previous.asText(),
          root.path("fromLsn").asLong(),
          root.path("toLsn").asLong(),
          files,
          attributes);
    } catch (IOException | IllegalArgumentException e) {
      throw new CorruptFileException(path, 0, "manifest JSON is invalid: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new CorruptFileException(path, 0, "manifest lacks the text field '" + field + "'");
    }
    return v.asText();
  }
}

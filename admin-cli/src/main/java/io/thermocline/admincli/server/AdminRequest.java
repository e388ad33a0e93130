package io.thermocline.admincli.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.thermocline.admincli.admin.AdminJson;
import io.thermocline.admincli.security.UserAccount.UserInfo;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One authenticated admin API request as a route sees it: the user, the path's parameters, the
 * query and the body. Single-threaded (one request).
 */
public final class AdminRequest {
  private final UserInfo user;
  private final List<String> pathParams;
  private final Map<String, String> query;
  private final InputStream body;
  private String target;

  AdminRequest(UserInfo user, List<String> pathParams, String rawQuery, InputStream body) {
    this.user = user;
    this.pathParams = pathParams;
    this.query = parseQuery(rawQuery);
    this.body = body;
  }

  public UserInfo user() {
    return user;
  }

  /** The {@code i}-th parameter of the route's path (0-based). */
  public String path(int i) {
    return pathParams.get(i);
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return query.get(name);
  }

  public int queryInt(String name, int defaultValue) {
    String v = query.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "query parameter " + name + "=" + v + " is not a number");
    }
  }

  public InputStream body() {
    return body;
  }

  /** The body as JSON (an empty body reads as an empty object). */
  public JsonNode json() {
    try {
      JsonNode n = AdminJson.mapper().readTree(body);
      return n == null || n.isMissingNode() ? AdminJson.mapper().createObjectNode() : n;
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "the request body is not JSON: " + e.getMessage());
    }
  }

  /** The body as an instance of {@code type}. */
  public <T> T json(Class<T> type) {
    try {
      return AdminJson.mapper().treeToValue(json(), type);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "the request body is not a valid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A required text field of the JSON body. */
  public static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull() || n.asText().isEmpty()) {
      throw new ThermoException(ErrorCode.INVALID_ARGUMENT, "the request needs the field " + field);
    }
    return n.asText();
  }

  /** What the audit log records as the action's target (defaults to the first path parameter). */
  public String target() {
    return target != null ? target : pathParams.isEmpty() ? null : pathParams.get(0);
  }

  public void target(String t) {
    this.target = t;
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }
}

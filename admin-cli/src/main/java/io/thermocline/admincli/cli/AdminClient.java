package io.thermocline.admincli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thermocline.admincli.admin.AdminJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The CLI's side of the admin API: JSON requests with HTTP basic authentication; an error response
 * becomes a {@link CliFailure} with the server's code and message. One client per command run;
 * thread-safe as the JDK's HttpClient is.
 */
public final class AdminClient {
  private static final ObjectMapper JSON = AdminJson.mapper();

  private final String base;
  private final String authorization;
  private final HttpClient http;

  public AdminClient(String serverUrl, String user, char[] password) {
    this.base =
        serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public String serverUrl() {
    return base;
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  public JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  public JsonNode post(String path, Object body) {
    return send(request(path).POST(json(body)));
  }

  public JsonNode put(String path, Object body) {
    return send(request(path).PUT(json(body)));
  }

  /** A POST whose body is streamed from {@code body} (a load), read once. */
  public JsonNode postStream(String path, Supplier<InputStream> body) {
    return send(
        request(path)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofInputStream(body)));
  }

  /**
   * A POST whose answer is progress lines and then a result or an error (backup, verify); the
   * progress goes to {@code bar}. Returns the result.
   */
  public JsonNode postWithProgress(String path, Object body, ProgressBar bar) {
    HttpRequest.Builder b =
        request(path).header("Content-Type", "application/json").POST(json(body));
    HttpResponse<java.util.stream.Stream<String>> r =
        exchange(b, HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() / 100 != 2) {
      StringBuilder text = new StringBuilder();
      r.body().forEach(text::append);
      throw failure(r.statusCode(), text.toString());
    }
    JsonNode last = null;
    try (java.util.stream.Stream<String> lines = r.body()) {
      for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n.has("done")) {
          bar.update(n.get("done").asLong(), n.path("total").asLong());
        } else {
          last = n;
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new CliFailure(
          null, "the server at " + base + " broke off the answer: " + e.getMessage());
    } finally {
      bar.finish();
    }
    if (last == null) {
      throw new CliFailure(null, "the server at " + base + " ended the answer without a result");
    }
    if (last.has("error")) {
      JsonNode e = last.get("error");
      throw new CliFailure(e.path("code").asText(), e.path("message").asText());
    }
    return last.get("result");
  }

  /** The text of a GET (the metrics page). */
  public String getText(String path) {
    HttpResponse<String> r = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw failure(r.statusCode(), r.body());
    }
    return r.body();
  }

  /** A path segment, URL-encoded. */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofHours(2))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(
          JSON.writeValueAsBytes(body == null ? JSON.createObjectNode() : body));
    } catch (IOException e) {
      throw new CliFailure(null, "cannot encode the request: " + e.getMessage());
    }
  }

  private JsonNode send(HttpRequest.Builder builder) {
    builder.header("Content-Type", "application/json");
    HttpResponse<String> r = exchange(builder, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw failure(r.statusCode(), r.body());
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new CliFailure(null, "the server sent no JSON: " + e.getMessage());
    }
  }

  private <T> HttpResponse<T> exchange(HttpRequest.Builder b, HttpResponse.BodyHandler<T> h) {
    try {
      return http.send(b.build(), h);
    } catch (ConnectException e) {
      throw new CliFailure(
          null, "cannot reach the server at " + base + " (is 'thermo server' running there?)");
    } catch (IOException e) {
      throw new CliFailure(
          null, "the server at " + base + " did not answer: " + String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(null, "interrupted");
    }
  }

  private static CliFailure failure(int status, String body) {
    try {
      JsonNode err = JSON.readTree(body);
      if (err != null && err.has("code")) {
        return new CliFailure(err.get("code").asText(), err.path("message").asText());
      }
    } catch (IOException notJson) {
      // fall through to the status line
    }
    return new CliFailure(null, "the server answered HTTP " + status);
  }
}

package io.thermocline.admincli.server;

import io.thermocline.aging.AgingSettings;
import io.thermocline.common.config.Setting;
import io.thermocline.engine.EngineSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's settings ({@code --config FILE}, a properties file), declared once. Constants only
 * (immutable).
 */
public final class ServerSettings {
  private ServerSettings() {}

  public static final Setting<String> HOST =
      Setting.stringSetting(
          "server.host",
          "127.0.0.1",
          "Address the admin API and the JDBC endpoint listen on; 0.0.0.0 for every interface.");

  public static final Setting<Integer> ADMIN_PORT =
      Setting.intSetting(
          "server.admin.port", 8766, 0, 65535, "Port of the admin HTTP API and /metrics; 0: any.");

  public static final Setting<Integer> JDBC_PORT =
      Setting.intSetting(
          "server.jdbc.port",
          8765,
          0,
          65535,
          "Port of the Avatica JDBC endpoint; 0: any free one.");

  public static final Setting<Integer> PASSWORD_ITERATIONS =
      Setting.intSetting(
          "server.password.iterations",
          600_000,
          10_000,
          10_000_000,
          "PBKDF2-HMAC-SHA256 iterations of new password hashes (OWASP 2023: 600,000).");

  public static final Setting<Integer> HTTP_THREADS =
      Setting.intSetting(
          "server.http.threads", 8, 1, 256, "Threads serving admin API requests at once.");

  public static List<Setting<?>> server() {
    return List.of(HOST, ADMIN_PORT, JDBC_PORT, PASSWORD_ITERATIONS, HTTP_THREADS);
  }

  /** Every setting a server's config file may hold: server, engine, tiers, WAL, aging. */
  public static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(server());
    all.addAll(EngineSettings.all());
    all.addAll(AgingSettings.all());
    return all;
  }
}

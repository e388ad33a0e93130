package io.thermocline.admincli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The one JSON mapping of the admin API, server and client alike: records as objects, times as
 * ISO-8601 strings (without Jackson's java.time module: their {@code toString} is ISO already).
 * Thread-safe once built.
 */
public final class AdminJson {
  private static final ObjectMapper MAPPER = build();

  private AdminJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    SimpleModule times = new SimpleModule("iso-times");
    times.addSerializer(Instant.class, ToStringSerializer.instance);
    times.addSerializer(Duration.class, ToStringSerializer.instance);
    times.addSerializer(LocalDate.class, ToStringSerializer.instance);
    times.addSerializer(LocalDateTime.class, ToStringSerializer.instance);
    return new ObjectMapper()
        .registerModule(times)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}

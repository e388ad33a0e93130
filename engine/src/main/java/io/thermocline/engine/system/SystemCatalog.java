package io.thermocline.engine.system;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The system views and procedures registered on one database, by upper-case name.
 *
 * <p>Concurrency: thread-safe (concurrent sorted maps); registrations may come and go while readers
 * list them.
 */
public final class SystemCatalog {
  private final Map<String, SystemView> views = new ConcurrentSkipListMap<>();
  private final Map<String, SystemProcedure> procedures = new ConcurrentSkipListMap<>();

  /** Registers {@code view}; a second view of the same name is refused. */
  public void register(SystemView view) {
    String key = key(view.name());
    if (views.putIfAbsent(key, view) != null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "system view SYS." + key + " is already registered");
    }
  }

  /** Registers {@code procedure}; a second procedure of the same name is refused. */
  public void register(SystemProcedure procedure) {
    String key = key(procedure.name());
    if (procedures.putIfAbsent(key, procedure) != null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "system procedure SYS." + key + " is already registered");
    }
  }

  /** Removes the view registered under {@code name}, if it is {@code view}. */
  public void unregister(SystemView view) {
    views.remove(key(view.name()), view);
  }

  /** Removes the procedure registered under {@code name}, if it is {@code procedure}. */
  public void unregister(SystemProcedure procedure) {
    procedures.remove(key(procedure.name()), procedure);
  }

  /** The views, sorted by name (a copy). */
  public List<SystemView> views() {
    return List.copyOf(new TreeMap<>(views).values());
  }

  /** The procedures, sorted by name (a copy). */
  public List<SystemProcedure> procedures() {
    return List.copyOf(new TreeMap<>(procedures).values());
  }

  /** The view called {@code name} (any case), if registered. */
  public Optional<SystemView> view(String name) {
    return Optional.ofNullable(views.get(key(name)));
  }

  /**
   * The procedure called {@code name} (any case); an unknown name is an error that lists the
   * procedures there are.
   */
  public SystemProcedure procedure(String name) {
    SystemProcedure p = procedures.get(key(name));
    if (p == null) {
      throw new ThermoException(
          ErrorCode.UNKNOWN_PROCEDURE,
          "unknown system procedure SYS."
              + key(name)
              + "; known: "
              + (procedures.isEmpty() ? "none" : String.join(", ", procedures.keySet())));
    }
    return p;
  }

  private static String key(String name) {
    return name.toUpperCase(Locale.ROOT);
  }
}

package io.thermocline.engine.catalog;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tables of one database, persisted in a {@link CatalogStore}: key {@code table/<name>} holds
 * the definition's JSON ({@link CatalogCodec}); key {@code clock/reserved} holds the highest commit
 * id handed out so far (see {@code CommitClock}). Each change is one atomic store write.
 *
 * <p>Concurrency: readers see an immutable map through a volatile reference (copy-on-write);
 * changes are serialized by the caller (the database's commit lock).
 */
public final class Catalog {
  static final String TABLE_PREFIX = "table/";
  static final String CLOCK_KEY = "clock/reserved";

  private final CatalogStore store;
  private volatile Map<String, TableDefinition> tables;

  private Catalog(CatalogStore store, Map<String, TableDefinition> tables) {
    this.store = store;
    this.tables = Collections.unmodifiableMap(tables);
  }

  /** Reads every table definition from the store. */
  public static Catalog load(CatalogStore store) {
    Map<String, TableDefinition> tables = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : store.list(TABLE_PREFIX).entrySet()) {
      TableDefinition d = CatalogCodec.decode(e.getKey(), e.getValue());
      tables.put(d.name(), d);
    }
    return new Catalog(store, tables);
  }

  /** All tables, sorted by name. */
  public List<TableDefinition> tables() {
    return new ArrayList<>(tables.values());
  }

  /** The table named exactly {@code name}, else the one table whose name matches ignoring case. */
  public Optional<TableDefinition> find(String name) {
    Map<String, TableDefinition> t = tables;
    TableDefinition d = t.get(name);
    if (d != null) {
      return Optional.of(d);
    }
    TableDefinition match = null;
    for (TableDefinition c : t.values()) {
      if (c.name().toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))) {
        if (match != null) {
          return Optional.empty();
        }
        match = c;
      }
    }
    return Optional.ofNullable(match);
  }

  /** The table, or {@code UNKNOWN_TABLE} naming it and the tables there are. */
  public TableDefinition get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new ThermoException(
                    ErrorCode.UNKNOWN_TABLE,
                    "unknown table " + name + "; the database has " + tables.keySet()));
  }

  /** Adds a table; a name already taken (ignoring case) is an error. */
  public void create(TableDefinition d) {
    for (String existing : tables.keySet()) {
      if (existing.equalsIgnoreCase(d.name())) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "table " + existing + " already exists");
      }
    }
    store.write(Map.of(key(d.name()), CatalogCodec.encode(d)), List.of());
    Map<String, TableDefinition> next = new TreeMap<>(tables);
    next.put(d.name(), d);
    tables = Collections.unmodifiableMap(next);
  }

  /** Replaces the definition of an existing table (same name). */
  public void replace(TableDefinition d) {
    get(d.name());
    store.write(Map.of(key(d.name()), CatalogCodec.encode(d)), List.of());
    Map<String, TableDefinition> next = new TreeMap<>(tables);
    next.put(d.name(), d);
    tables = Collections.unmodifiableMap(next);
  }

  public void drop(String name) {
    TableDefinition d = get(name);
    store.write(Map.of(), List.of(key(d.name())));
    Map<String, TableDefinition> next = new TreeMap<>(tables);
    next.remove(d.name());
    tables = Collections.unmodifiableMap(next);
  }

  /** The highest commit id reserved so far (0 for a new database). */
  public long reservedCommitId() {
    byte[] v = store.get(CLOCK_KEY);
    if (v == null) {
      return 0;
    }
    try {
      return Long.parseLong(new String(v, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      throw new ThermoException(
          ErrorCode.CORRUPT_FILE, "catalog entry " + CLOCK_KEY + " is not a number", e);
    }
  }

  /** Records that commit ids up to {@code upTo} may be in use. */
  public void reserveCommitIds(long upTo) {
    store.write(Map.of(CLOCK_KEY, Long.toString(upTo).getBytes(StandardCharsets.UTF_8)), List.of());
  }

  private static String key(String table) {
    return TABLE_PREFIX + table;
  }
}

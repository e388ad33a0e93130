package io.thermocline.engine.system;

import io.thermocline.engine.Database;

/**
 * A module that attaches to every database opened in this JVM, found with {@link
 * java.util.ServiceLoader} ({@code
 * META-INF/services/io.thermocline.engine.system.DatabaseExtension}). The aging service uses it so
 * an embedded database (for example one opened by the JDBC driver) schedules its policies and
 * answers {@code CALL SYS.RUN_AGING} without the caller knowing the module.
 *
 * <p>Concurrency: {@link #attach} is called once per database, on the opening thread, after
 * recovery and before the database is handed out.
 */
public interface DatabaseExtension {

  /**
   * Starts the extension's work for {@code database}: register views and procedures in {@link
   * Database#system()}, start threads. The returned handle is closed (once) when the database
   * closes, before the engine itself shuts down; it should unregister what it registered.
   */
  AutoCloseable attach(Database database);
}

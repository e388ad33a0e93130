package io.thermocline.aging;

import io.thermocline.engine.Database;
import io.thermocline.engine.system.DatabaseExtension;
import java.time.Clock;

/**
 * Starts the {@link AgingService} of every database opened in a JVM that has this module on its
 * class path (found by {@link java.util.ServiceLoader}), so an embedded JDBC database and the
 * server both schedule their policies and answer {@code CALL SYS.RUN_AGING}. Settings come from the
 * database's config; the service stops when the database closes. Stateless.
 */
public final class AgingExtension implements DatabaseExtension {

  @Override
  public AutoCloseable attach(Database database) {
    return AgingService.start(database, database.config(), Clock.systemUTC());
  }
}

package io.thermocline.engine.system;

import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import java.util.List;

/**
 * A procedure callable as {@code CALL SYS.<name>(args)}: a manual aging run, a dry run, a backup.
 * It runs to completion on the caller's thread and returns a small result table.
 *
 * <p>Concurrency: {@link #call} may be invoked from many threads at once; an implementation
 * serializes what must not run twice itself and says so in its error.
 */
public interface SystemProcedure {

  /** The name in upper case without the schema, e.g. {@code RUN_AGING}. */
  String name();

  /** The parameters, in call order: names and types (storage representation as for views). */
  List<Column> parameters();

  /** The columns of the result rows. */
  Schema resultSchema();

  /**
   * Runs the procedure. {@code arguments} has one storage value per parameter (already checked for
   * count and converted to the parameter's type by the caller); the result rows are in storage
   * representation, in {@link #resultSchema()} order. Bad arguments (an unknown table, a bad name)
   * throw {@link io.thermocline.common.error.ThermoException} naming what was wrong.
   */
  List<Object[]> call(List<Object> arguments);
}

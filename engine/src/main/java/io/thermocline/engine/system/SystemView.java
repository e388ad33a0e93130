package io.thermocline.engine.system;

import io.thermocline.common.schema.Schema;
import java.util.List;

/**
 * A read-only view of the system's state, shown in SQL as {@code SYS.<name>} (DESIGN.md section 2).
 * Rows are computed on every read, so a view is always current; a view is small (policies, runs,
 * backups, partitions), never a table scan.
 *
 * <p>Concurrency: {@link #rows()} may be called from any thread at any time and must not block on
 * long work.
 */
public interface SystemView {

  /** The view's name in upper case, without the schema, e.g. {@code AGING_RUNS}. */
  String name();

  /** Column names (upper case) and types; no primary key, no time column needed. */
  Schema schema();

  /**
   * The current rows in storage representation ({@link
   * io.thermocline.common.type.DataType#toStorage}: Long for integral, temporal and boolean
   * columns, Double, String), one array per row in schema order, null for SQL NULL.
   */
  List<Object[]> rows();
}

package io.thermocline.coldstore;

import io.thermocline.coldstore.scan.Predicates;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns a scan reads and returns. The read columns are the output columns first (so the
 * output is a prefix of what is read), then whatever the filter and aggregates need. The filter is
 * kept twice: bound to the table (for statistics and parquet push-down) and bound to the read
 * schema (for the exact row check). Immutable.
 */
record ScanPlan(
    Schema table,
    int[] readColumns,
    Schema readSchema,
    int outCount,
    Schema outSchema,
    Expr filterTable,
    Expr filterRead) {

  static ScanPlan of(Schema table, List<String> projection, Expr filter, Collection<String> extra) {
    Expr bound = Predicates.pushNot(Predicates.bindToTable(filter, table));
    Set<String> out = new LinkedHashSet<>();
    if (projection == null) {
      out.addAll(table.names());
    } else {
      for (String p : projection) {
        out.add(table.column(p).name());
      }
    }
    Set<String> read = new LinkedHashSet<>(out);
    for (String e : extra) {
      read.add(table.column(e).name());
    }
    if (bound != null) {
      read.addAll(bound.columns());
    }
    if (read.isEmpty()) {
      read.add(table.timeColumn().orElse(table.column(0).name()));
    }
    List<String> readNames = new ArrayList<>(read);
    int[] idx = new int[readNames.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = table.indexOf(readNames.get(i));
    }
    Schema readSchema = table.project(readNames);
    Schema outSchema = out.isEmpty() ? null : table.project(new ArrayList<>(out));
    return new ScanPlan(
        table,
        idx,
        readSchema,
        out.size(),
        outSchema,
        bound,
        bound == null ? null : Predicates.remap(bound, readSchema));
  }

  Schema requireOutSchema() {
    if (outSchema == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "a scan must project at least one column");
    }
    return outSchema;
  }
}

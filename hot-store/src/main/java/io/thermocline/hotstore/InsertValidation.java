package io.thermocline.hotstore;

import io.thermocline.common.batch.BatchValidator;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns user values of named columns into checked storage rows before anything is appended, so that
 * a failed insert leaves the partition unchanged. The checks are {@link BatchValidator}'s, the same
 * the engine applies to a transaction's writes. Stateless.
 */
final class InsertValidation {
  private InsertValidation() {}

  /** Converts user values of named columns to full storage rows (omitted columns NULL). */
  static List<Object[]> toStorageRows(
      String partition, Schema schema, List<String> columns, List<Object[]> userValues) {
    int[] index = new int[columns.size()];
    boolean[] seen = new boolean[schema.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = schema.indexOf(columns.get(i));
      if (seen[index[i]]) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT,
            "column " + columns.get(i) + " is named twice in an insert into " + partition);
      }
      seen[index[i]] = true;
    }
    List<Object[]> out = new ArrayList<>(userValues.size());
    for (int r = 0; r < userValues.size(); r++) {
      Object[] values = userValues.get(r);
      if (values == null || values.length != index.length) {
        throw new ThermoException(
            ErrorCode.WRONG_COLUMN_COUNT,
            "row "
                + r
                + " for table "
                + partition
                + " has "
                + (values == null ? 0 : values.length)
                + " values for the "
                + index.length
                + " columns "
                + columns);
      }
      Object[] row = new Object[schema.size()];
      for (int i = 0; i < index.length; i++) {
        row[index[i]] = schema.column(index[i]).toStorage(values[i]);
      }
      // Omitted columns are NULL here, so a NOT NULL one among them fails this check too.
      BatchValidator.checkRow(partition, schema, row, r);
      out.add(row);
    }
    return out;
  }
}

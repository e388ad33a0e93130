package io.thermocline.coldstore;

import io.thermocline.coldstore.parquet.ColdFileReader;
import io.thermocline.coldstore.parquet.ColumnBinding;
import io.thermocline.coldstore.parquet.ParquetTypes;
import io.thermocline.coldstore.parquet.RowChunk;
import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.batch.ColumnBatch;
import io.thermocline.common.batch.ColumnVector;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Schema;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads a flat Parquet file written by another tool (Spark, Polars, DuckDB, ...) into a cold table:
 * it reads the file with parquet-hadoop's column readers, converts values to storage values
 * (timestamps in any unit to microseconds, INT96, FLOAT, binary decimals) and writes cold files of
 * at most {@link ColdSettings#FILE_MAX_ROWS} rows, made visible by one commit. Columns are matched
 * by name, so the table may order them differently. Stateless.
 */
@SuppressWarnings("try") // leases and locks are held by try-with-resources, never named
public final class ParquetImport {
  private static final int CHUNK = 65_536;

  private ParquetImport() {}

  /** The Thermocline schema of a foreign file, e.g. to create the table it imports into. */
  public static Schema schemaOf(URI file, Configuration conf) {
    Path path = new Path(file);
    try (ColdFileReader r = ColdFileReader.openForeign(fileSystem(file, conf), path, conf)) {
      return ParquetTypes.importSchema(r.footer().getFileMetaData().getSchema(), path.toString());
    }
  }

  /** Imports every row of {@code file} into {@code table}, visible from {@code cid}. */
  public static long importFile(ColdTable table, long cid, URI file) {
    ColdStore store = table.store();
    Configuration conf = store.conf();
    Path path = new Path(file);
    Schema schema = table.schema();
    int maxRows = store.config().get(ColdSettings.FILE_MAX_ROWS);
    try (Lifecycle.Lease lease = store.lifecycle().enter();
        ColdTable.Locked locked = table.lock();
        ColdFileReader reader = ColdFileReader.openForeign(fileSystem(file, conf), path, conf);
        StagedFiles staged = table.stage()) {
      int[] toTable = mapColumns(reader.bindings(), schema, path.toString());
      List<ColumnBatch> pending = new ArrayList<>();
      long pendingRows = 0;
      long total = 0;
      for (RowChunk c = reader.next(CHUNK); c != null; c = reader.next(CHUNK)) {
        ColumnVector[] vectors = new ColumnVector[schema.size()];
        for (int i = 0; i < toTable.length; i++) {
          vectors[toTable[i]] = c.vectors()[i];
        }
        pending.add(new ColumnBatch(schema, c.rows(), vectors));
        pendingRows += c.rows();
        total += c.rows();
        if (pendingRows >= maxRows) {
          staged.add(BatchOps.concat(pending, schema));
          pending.clear();
          pendingRows = 0;
        }
      }
      if (!pending.isEmpty()) {
        staged.add(BatchOps.concat(pending, schema));
      }
      staged.commit(cid);
      return total;
    }
  }

  private static int[] mapColumns(List<ColumnBinding> bindings, Schema schema, String file) {
    if (bindings.size() != schema.size()) {
      throw new ThermoException(
          ErrorCode.WRONG_COLUMN_COUNT,
          file + " has " + bindings.size() + " columns, the table " + schema.names());
    }
    int[] map = new int[bindings.size()];
    for (int i = 0; i < map.length; i++) {
      ColumnBinding b = bindings.get(i);
      int t = schema.indexOf(b.name());
      if (schema.column(t).type().storage() != b.type().storage()) {
        throw new ThermoException(
            ErrorCode.TYPE_MISMATCH,
            "column "
                + b.name()
                + " of "
                + file
                + " is "
                + b.type().sql()
                + " but the table has "
                + schema.column(t).type().sql());
      }
      map[i] = t;
    }
    return map;
  }

  private static FileSystem fileSystem(URI file, Configuration conf) {
    try {
      return FileSystem.get(file, conf);
    } catch (IOException e) {
      throw new ThermoException(
          ErrorCode.IO_ERROR, "cannot reach " + file + ": " + e.getMessage(), e);
    }
  }
}

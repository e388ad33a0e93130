package io.thermocline.admincli.cli;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet file's rows (flat schemas: one primitive value per column), read with parquet-mr's
 * example object model. Timestamps become epoch microseconds, dates epoch days, decimals
 * BigDecimal, strings String. Single-threaded.
 */
public final class ParquetRows implements RowSource {
  private final String file;
  private final ParquetReader<Group> reader;
  private final GroupType schema;
  private final List<String> columns;
  private final long total;
  private long row;

  @SuppressWarnings("deprecation") // the builder over a Hadoop path is the one GroupReadSupport has
  public ParquetRows(Path path) throws IOException {
    this.file = path.getFileName().toString();
    org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(path.toAbsolutePath().toUri());
    Configuration conf = new Configuration();
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(hp, conf))) {
      this.total = footer.getRecordCount();
      this.schema = footer.getFooter().getFileMetaData().getSchema();
    }
    List<String> names = new ArrayList<>();
    for (Type t : schema.getFields()) {
      if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
        throw new ThermoException(
            ErrorCode.UNSUPPORTED,
            "file " + file + " column " + t.getName() + " is nested or repeated; load flat files");
      }
      names.add(t.getName());
    }
    this.columns = List.copyOf(names);
    this.reader = ParquetReader.builder(new GroupReadSupport(), hp).withConf(conf).build();
  }

  @Override
  public String file() {
    return file;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public Object[] next() throws IOException {
    Group g = reader.read();
    if (g == null) {
      return null;
    }
    row++;
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = g.getFieldRepetitionCount(i) == 0 ? null : value(g, i);
    }
    return values;
  }

  private Object value(Group g, int i) {
    PrimitiveType t = schema.getType(i).asPrimitiveType();
    LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
    switch (t.getPrimitiveTypeName()) {
      case BOOLEAN:
        return g.getBoolean(i, 0);
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(g.getInteger(i, 0), d.getScale());
        }
        return (long) g.getInteger(i, 0);
      case INT64:
        long v = g.getLong(i, 0);
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return BigDecimal.valueOf(v, d.getScale());
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
          return switch (ts.getUnit()) {
            case MILLIS -> v * 1000;
            case MICROS -> v;
            case NANOS -> Math.floorDiv(v, 1000L);
          };
        }
        return v;
      case FLOAT:
        return (double) g.getFloat(i, 0);
      case DOUBLE:
        return g.getDouble(i, 0);
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
          return new BigDecimal(new BigInteger(g.getBinary(i, 0).getBytes()), d.getScale());
        }
        return g.getString(i, 0);
      default:
        throw new ThermoException(
            ErrorCode.UNSUPPORTED,
            "file "
                + file
                + " row "
                + row
                + " column "
                + t.getName()
                + ": Parquet type "
                + t.getPrimitiveTypeName()
                + " is not supported");
    }
  }

  @Override
  public long line() {
    return row;
  }

  @Override
  public long done() {
    return row;
  }

  @Override
  public long total() {
    return total;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}

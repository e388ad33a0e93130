package io.thermocline.coldstore.parquet;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The one mapping between Thermocline types and Parquet types, chosen so DuckDB, Spark and Trino
 * read cold files with the right SQL types: BOOLEAN; INTEGER as INT32; DATE as INT32 DATE; BIGINT
 * as INT64; TIMESTAMP as INT64 TIMESTAMP(MICROS, UTC); DECIMAL(p&lt;=18) as INT64 DECIMAL; DOUBLE;
 * VARCHAR as BINARY STRING. NOT NULL columns are REQUIRED. Also maps foreign flat files for import.
 * Stateless.
 */
public final class ParquetTypes {
  private ParquetTypes() {}

  public static MessageType toMessageType(Schema schema, String name) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : schema.columns()) {
      b.addField(toParquet(c));
    }
    return b.named(name);
  }

  private static PrimitiveType toParquet(Column c) {
    Type.Repetition rep = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    DataType t = c.type();
    return switch (t.kind()) {
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
      case INTEGER ->
          Types.primitive(PrimitiveTypeName.INT32, rep)
              .as(LogicalTypeAnnotation.intType(32, true))
              .named(c.name());
      case DATE ->
          Types.primitive(PrimitiveTypeName.INT32, rep)
              .as(LogicalTypeAnnotation.dateType())
              .named(c.name());
      case BIGINT ->
          Types.primitive(PrimitiveTypeName.INT64, rep)
              .as(LogicalTypeAnnotation.intType(64, true))
              .named(c.name());
      case TIMESTAMP ->
          Types.primitive(PrimitiveTypeName.INT64, rep)
              .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
              .named(c.name());
      case DECIMAL ->
          Types.primitive(PrimitiveTypeName.INT64, rep)
              .as(LogicalTypeAnnotation.decimalType(t.scale(), t.precision()))
              .named(c.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
      case VARCHAR ->
          Types.primitive(PrimitiveTypeName.BINARY, rep)
              .as(LogicalTypeAnnotation.stringType())
              .named(c.name());
    };
  }

  /** The conversion Thermocline's own writer implies for a column of type {@code t}. */
  static Conversion ownConversion(DataType t) {
    return switch (t.kind()) {
      case BOOLEAN -> Conversion.BOOLEAN;
      case INTEGER, DATE -> Conversion.INT32;
      case BIGINT, TIMESTAMP, DECIMAL -> Conversion.INT64;
      case DOUBLE -> Conversion.DOUBLE;
      case VARCHAR -> Conversion.STRING;
    };
  }

  /**
   * Binds the columns {@code indexes} of {@code schema} to a file Thermocline wrote. A column the
   * file lacks reads as NULL; a column whose physical type differs is corruption.
   */
  public static List<ColumnBinding> bindOwn(
      Schema schema, int[] indexes, MessageType fileSchema, String file) {
    List<ColumnBinding> out = new ArrayList<>(indexes.length);
    for (int index : indexes) {
      Column c = schema.column(index);
      MessageType expected = toMessageType(Schema.of(c), "probe");
      ColumnDescriptor want = expected.getColumns().get(0);
      ColumnDescriptor have = null;
      if (fileSchema.containsField(c.name())) {
        have = fileSchema.getColumnDescription(new String[] {c.name()});
        if (have.getPrimitiveType().getPrimitiveTypeName()
            != want.getPrimitiveType().getPrimitiveTypeName()) {
          throw new CorruptFileException(
              file,
              0,
              "column "
                  + c.name()
                  + " is "
                  + have.getPrimitiveType()
                  + " in the file but "
                  + c.type().sql()
                  + " in the table");
        }
      }
      out.add(new ColumnBinding(index, c.name(), c.type(), have, ownConversion(c.type())));
    }
    return out;
  }

  /** A foreign flat file's schema as a Thermocline schema (all columns nullable as declared). */
  public static Schema importSchema(MessageType fileSchema, String file) {
    List<Column> cols = new ArrayList<>();
    for (ColumnBinding b : bindForeign(fileSchema, file)) {
      boolean nullable =
          b.descriptor().getPrimitiveType().getRepetition() != Type.Repetition.REQUIRED;
      cols.add(new Column(b.name(), b.type(), nullable));
    }
    return new Schema(cols, List.of(), null);
  }

  /** Bindings for every column of a foreign flat file, in file order. */
  public static List<ColumnBinding> bindForeign(MessageType fileSchema, String file) {
    List<ColumnBinding> out = new ArrayList<>();
    int i = 0;
    for (Type field : fileSchema.getFields()) {
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw unsupported(file, field.getName(), "nested or repeated fields are not supported");
      }
      PrimitiveType p = field.asPrimitiveType();
      ColumnDescriptor d = fileSchema.getColumnDescription(new String[] {field.getName()});
      out.add(bindForeignColumn(i++, p, d, file));
    }
    return out;
  }

  private static ColumnBinding bindForeignColumn(
      int index, PrimitiveType p, ColumnDescriptor d, String file) {
    String name = p.getName();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return new ColumnBinding(index, name, DataType.BOOLEAN, d, Conversion.BOOLEAN);
      case INT32:
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return new ColumnBinding(index, name, DataType.DATE, d, Conversion.INT32);
        }
        if (logical instanceof DecimalLogicalTypeAnnotation dec) {
          return new ColumnBinding(
              index,
              name,
              DataType.decimal(dec.getPrecision(), dec.getScale()),
              d,
              Conversion.INT32);
        }
        if (logical instanceof IntLogicalTypeAnnotation it && !it.isSigned()) {
          return new ColumnBinding(index, name, DataType.BIGINT, d, Conversion.UINT32);
        }
        if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
          return new ColumnBinding(index, name, DataType.INTEGER, d, Conversion.INT32);
        }
        break;
      case INT64:
        if (logical instanceof TimestampLogicalTypeAnnotation ts) {
          Conversion conv =
              switch (ts.getUnit()) {
                case MILLIS -> Conversion.INT64_MILLIS;
                case MICROS -> Conversion.INT64;
                case NANOS -> Conversion.INT64_NANOS;
              };
          return new ColumnBinding(index, name, DataType.TIMESTAMP, d, conv);
        }
        if (logical instanceof DecimalLogicalTypeAnnotation dec) {
          return new ColumnBinding(
              index,
              name,
              DataType.decimal(dec.getPrecision(), dec.getScale()),
              d,
              Conversion.INT64);
        }
        if (logical instanceof IntLogicalTypeAnnotation it && !it.isSigned()) {
          throw unsupported(file, name, "unsigned 64-bit integers do not fit BIGINT");
        }
        if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
          return new ColumnBinding(index, name, DataType.BIGINT, d, Conversion.INT64);
        }
        break;
      case INT96:
        return new ColumnBinding(index, name, DataType.TIMESTAMP, d, Conversion.INT96);
      case FLOAT:
        return new ColumnBinding(index, name, DataType.DOUBLE, d, Conversion.FLOAT);
      case DOUBLE:
        return new ColumnBinding(index, name, DataType.DOUBLE, d, Conversion.DOUBLE);
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof DecimalLogicalTypeAnnotation dec) {
          if (dec.getPrecision() > DataType.MAX_DECIMAL_PRECISION) {
            throw unsupported(file, name, "DECIMAL(" + dec.getPrecision() + ") is wider than 18");
          }
          return new ColumnBinding(
              index,
              name,
              DataType.decimal(dec.getPrecision(), dec.getScale()),
              d,
              Conversion.BINARY_DECIMAL);
        }
        if (p.getPrimitiveTypeName() == PrimitiveTypeName.BINARY
            && (logical == null
                || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation)) {
          return new ColumnBinding(index, name, DataType.varchar(), d, Conversion.STRING);
        }
        break;
      default:
        break;
    }
    throw unsupported(file, name, p + " has no Thermocline type");
  }

  private static ThermoException unsupported(String file, String column, String why) {
    return new ThermoException(
        ErrorCode.UNSUPPORTED, "cannot import column " + column + " of " + file + ": " + why);
  }
}

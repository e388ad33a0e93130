package io.thermocline.sql.system;

import io.thermocline.common.error.ErrorCode;
import io.thermocline.common.error.ThermoException;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.TypeKind;
import io.thermocline.engine.Database;
import io.thermocline.engine.system.SystemProcedure;
import io.thermocline.sql.parser.ddl.SqlBackupData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * A parsed {@code CALL SYS.<name>(args)} or {@code BACKUP DATA USING FILE ('label')} (which is
 * {@code CALL SYS.BACKUP('label')}): resolves the procedure in {@link Database#system()}, checks
 * and converts the arguments (literals or bind parameters) to the parameters' types and runs it.
 * Immutable; {@link #run} may be called again with other bind values.
 */
public final class ProcedureCall {
  /** The procedure {@code BACKUP DATA USING FILE} runs. */
  public static final String BACKUP_PROCEDURE = "BACKUP";

  private final String name;
  private final List<SqlNode> arguments;
  // BACKUP DATA's file name; its arguments are fitted to the BACKUP procedure when it runs.
  private final SqlLiteral backupLabel;

  private ProcedureCall(String name, List<SqlNode> arguments, SqlLiteral backupLabel) {
    this.name = name;
    this.arguments = arguments;
    this.backupLabel = backupLabel;
  }

  /** Whether {@code node} is a statement this class runs. */
  public static boolean handles(SqlNode node) {
    return node instanceof SqlBackupData || node.getKind() == SqlKind.PROCEDURE_CALL;
  }

  /**
   * The call {@code node} (see {@link #handles}) stands for; a schema other than SYS is refused.
   */
  public static ProcedureCall of(SqlNode node) {
    if (node instanceof SqlBackupData b) {
      SqlLiteral label = SqlLiteral.createCharString(b.backupName(), b.getParserPosition());
      return new ProcedureCall(BACKUP_PROCEDURE, List.of(label), label);
    }
    SqlNode routine = ((SqlCall) node).operand(0);
    if (!(routine instanceof SqlBasicCall call)
        || !(call.getOperator() instanceof SqlFunction function)
        || function.getSqlIdentifier() == null) {
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT, "CALL needs a procedure call such as SYS.RUN_AGING('T')");
    }
    SqlIdentifier id = function.getSqlIdentifier();
    List<String> names = id.names;
    if (names.size() > 2 || (names.size() == 2 && !names.get(0).equalsIgnoreCase("SYS"))) {
      throw new ThermoException(
          ErrorCode.UNKNOWN_PROCEDURE,
          "unknown procedure " + id + "; system procedures live in schema SYS");
    }
    return new ProcedureCall(names.get(names.size() - 1), call.getOperandList(), null);
  }

  /** The procedure name without schema, in upper case. */
  public String name() {
    return name.toUpperCase(Locale.ROOT);
  }

  /** How many {@code ?} the call has. */
  public int parameterCount() {
    int n = 0;
    for (SqlNode a : arguments) {
      if (a instanceof SqlDynamicParam) {
        n++;
      }
    }
    return n;
  }

  /** The procedure's result columns (for a prepared CALL's metadata). */
  public Schema resultSchema(Database database) {
    return database.system().procedure(name).resultSchema();
  }

  /**
   * Runs the procedure with {@code binds} for the {@code ?} arguments; returns its result schema
   * and rows (storage values).
   */
  public Result run(Database database, List<Object> binds) {
    SystemProcedure p = database.system().procedure(name);
    List<Column> params = p.parameters();
    List<SqlNode> arguments = backupLabel == null ? this.arguments : backupArguments(params);
    if (params.size() != arguments.size()) {
      List<String> names = new ArrayList<>();
      for (Column c : params) {
        names.add(c.name() + " " + c.type().sql());
      }
      throw new ThermoException(
          ErrorCode.INVALID_ARGUMENT,
          "SYS."
              + p.name()
              + " takes "
              + params.size()
              + " argument(s) ("
              + String.join(", ", names)
              + "), got "
              + arguments.size());
    }
    List<Object> values = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      Column param = params.get(i);
      Object java = javaValue(arguments.get(i), binds, param);
      values.add(param.type().toStorage(java, "SYS." + p.name() + " argument " + param.name()));
    }
    return new Result(p.resultSchema(), p.call(values));
  }

  /**
   * BACKUP DATA USING FILE ('x'): 'x' is the backup's label. A one-parameter BACKUP takes it as is;
   * otherwise it goes to the parameter called LABEL (the first, if none is) and the others (the
   * target) are NULL, which means their defaults.
   */
  private List<SqlNode> backupArguments(List<Column> params) {
    if (params.size() <= 1) {
      return List.of(backupLabel);
    }
    int labelAt = 0;
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equalsIgnoreCase("LABEL")) {
        labelAt = i;
      }
    }
    List<SqlNode> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      out.add(i == labelAt ? backupLabel : SqlLiteral.createNull(backupLabel.getParserPosition()));
    }
    return out;
  }

  private static Object javaValue(SqlNode arg, List<Object> binds, Column param) {
    if (arg instanceof SqlDynamicParam d) {
      int i = d.getIndex();
      if (binds == null || i >= binds.size()) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "parameter " + (i + 1) + " of the CALL is not set");
      }
      return adapt(binds.get(i), param);
    }
    boolean negate = false;
    if (arg.getKind() == SqlKind.MINUS_PREFIX) {
      negate = true;
      arg = ((SqlCall) arg).operand(0);
    }
    if (!(arg instanceof SqlLiteral literal)) {
      throw new ThermoException(
          ErrorCode.UNSUPPORTED,
          "argument " + param.name() + " of a CALL must be a literal or ?, not " + arg);
    }
    Object v = literalValue(literal);
    if (negate) {
      if (!(v instanceof BigDecimal d)) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, "cannot negate " + literal + " for " + param.name());
      }
      v = d.negate();
    }
    return adapt(v, param);
  }

  private static Object literalValue(SqlLiteral literal) {
    Object v = literal.getValue();
    if (v == null) {
      return null;
    }
    if (v instanceof DateString d) {
      return LocalDate.parse(d.toString());
    }
    if (v instanceof TimestampString t) {
      return LocalDateTime.parse(t.toString().replace(' ', 'T'));
    }
    if (v instanceof BigDecimal || v instanceof Boolean) {
      return v;
    }
    return literal.getValueAs(String.class);
  }

  /** Numbers arrive as BigDecimal (literals) or any boxed type (binds); parameters want exact. */
  private static Object adapt(Object v, Column param) {
    TypeKind kind = param.type().kind();
    if (v instanceof BigDecimal d && (kind == TypeKind.INTEGER || kind == TypeKind.BIGINT)) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw new ThermoException(
            ErrorCode.INVALID_ARGUMENT, param.name() + " needs a whole number, got " + d);
      }
    }
    if (v instanceof Number n && kind == TypeKind.DOUBLE) {
      return n.doubleValue();
    }
    if (v instanceof Integer i && kind == TypeKind.BIGINT) {
      return (long) i;
    }
    return v;
  }

  /** What a procedure returned: its columns and rows (storage values). */
  public record Result(Schema schema, List<Object[]> rows) {}
}

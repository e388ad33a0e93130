package io.thermocline.sql.schema;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;

/**
 * Calcite's statement preparation as Thermocline connections use it (the driver installs it with
 * {@code Driver.withPrepareFactory}). One change to stock Calcite 1.40: SQL-to-rel conversion does
 * not trim unused fields. The trimmer does not look inside correlated scalar sub-queries, so it
 * narrows the outer input under a {@code $cor.B} that still counts fields of the untrimmed row; the
 * de-correlated join then keys on the wrong column (sqllogictest select1: {@code SELECT (SELECT
 * count(*) FROM t1 AS x WHERE x.b<t1.b) FROM t1} counted per {@code a}). Projections still reach
 * the engine scans through the planner's project rules. Joins of many tables are ordered
 * heuristically ({@link JoinOrderProgram}) instead of by exhaustive search. Unary plus is the
 * identity on any type ({@link UnaryPlusStripper}), and the semi-join rules skip inner joins with a
 * global aggregate, which stock Calcite turns into wrong results ({@link KeyedSemiJoinRules}).
 * Stateless; a new instance per statement.
 */
public final class ThermoPrepare extends CalcitePrepareImpl {
  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context,
      Type elementType,
      CalciteCatalogReader catalogReader,
      RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new PreparingStmt(
        this,
        context,
        catalogReader,
        typeFactory,
        prefer,
        createCluster(planner, new RexBuilder(typeFactory)),
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE);
  }

  @Override
  protected RelOptPlanner createPlanner(
      Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    if (planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN)) {
      planner.addRule(KeyedSemiJoinRules.PROJECT);
    }
    if (planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN)) {
      planner.addRule(KeyedSemiJoinRules.JOIN);
    }
    return planner;
  }

  /** Stock preparation with field trimming off and unary plus removed (see the class comment). */
  private static final class PreparingStmt extends CalcitePreparingStmt {
    PreparingStmt(
        CalcitePrepareImpl prepare,
        Context context,
        CalciteCatalogReader catalogReader,
        JavaTypeFactory typeFactory,
        EnumerableRel.Prefer prefer,
        org.apache.calcite.plan.RelOptCluster cluster,
        org.apache.calcite.plan.Convention resultConvention) {
      super(
          prepare,
          context,
          catalogReader,
          typeFactory,
          context.getRootSchema(),
          prefer,
          cluster,
          resultConvention,
          org.apache.calcite.sql2rel.StandardConvertletTable.INSTANCE);
    }

    @Override
    public PreparedResult prepareSql(
        SqlNode sqlQuery,
        SqlNode sqlNodeOriginal,
        Class<?> runtimeContextClass,
        SqlValidator validator,
        boolean needsValidation) {
      return super.prepareSql(
          UnaryPlusStripper.strip(sqlQuery),
          sqlNodeOriginal,
          runtimeContextClass,
          validator,
          needsValidation);
    }

    @Override
    protected Program getProgram() {
      return JoinOrderProgram.around(super.getProgram());
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(
        SqlValidator validator,
        Prepare.CatalogReader catalogReader,
        SqlToRelConverter.Config config) {
      return super.getSqlToRelConverter(
          validator, catalogReader, config.withTrimUnusedFields(false));
    }
  }
}

<#--
  Thermocline's statements, spliced into Calcite's Parser.jj (see ../config.fmpp).
  The AST classes live in io.thermocline.sql.parser.ddl; a clause given twice and other
  errors found by them come back as parse errors with a position.
  JavaCC 4 reads the actions: no diamond operator, no lambdas.
-->

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** TEXT: VARCHAR without a length. */
SqlTypeNameSpec TextTypeName() :
{
}
{
    <TEXT> { return new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, getPos()); }
}

/** A string literal, continued literals ('a' 'b') joined. */
SqlLiteral ThermoStringLiteral() :
{
    final SqlNode literal;
}
{
    literal = StringLiteral() { return SqlLiteral.unchain(literal); }
}

/**
 * CREATE [HYBRID] TABLE [IF NOT EXISTS] name (elements) [clauses]; reached from SqlCreate()
 * after CREATE [OR REPLACE].
 */
SqlCreate SqlCreateThermoTable(Span s, boolean replace) :
{
    boolean hybrid = false;
    final boolean ifNotExists;
    final SqlIdentifier id;
    final SqlNodeList elements;
    final TableClauses clauses = new TableClauses();
}
{
    [ <HYBRID> { hybrid = true; } ]
    <TABLE> {
        if (replace) {
            throw ClauseSet.syntaxError(s.end(this), "CREATE OR REPLACE is not supported for tables");
        }
    }
    ifNotExists = IfNotExistsOpt()
    id = CompoundIdentifier()
    elements = TableElementList()
    ( TableClause(clauses) )*
    {
        return new SqlCreateThermoTable(s.end(this), hybrid, ifNotExists, id, elements, clauses);
    }
}

SqlNodeList TableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    TableElement(list)
    (
        <COMMA> TableElement(list)
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

void TableElement(List<SqlNode> list) :
{
    final SqlNode element;
}
{
    (
        element = ThermoColumnDefinition()
    |
        element = ThermoTableConstraint()
    )
    { list.add(element); }
}

/** name type [NOT NULL | NULL] [DEFAULT value] [PRIMARY KEY] [UNIQUE], constraints in any order. */
SqlColumnDefinition ThermoColumnDefinition() :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    final Span s;
    final ClauseSet given = new ClauseSet();
    boolean notNull = false;
    SqlNode defaultValue = null;
    boolean primaryKey = false;
    boolean unique = false;
}
{
    id = SimpleIdentifier() { s = span(); }
    type = DataType()
    (
        <NOT> { given.once("NULL / NOT NULL", getPos()); } <NULL> { notNull = true; }
    |
        <NULL> { given.once("NULL / NOT NULL", getPos()); notNull = false; }
    |
        <DEFAULT_> { given.once("DEFAULT", getPos()); }
        defaultValue = Expression3(ExprContext.ACCEPT_SUB_QUERY)
    |
        <PRIMARY> { given.once("PRIMARY KEY", getPos()); } <KEY> { primaryKey = true; }
    |
        <UNIQUE> { given.once("UNIQUE", getPos()); unique = true; }
    )*
    {
        return new SqlColumnDefinition(s.end(this), id, type, notNull, defaultValue, primaryKey,
            unique);
    }
}

/** [CONSTRAINT name] PRIMARY KEY (cols) | [CONSTRAINT name] UNIQUE (cols) */
SqlTableConstraint ThermoTableConstraint() :
{
    final Span s = Span.of();
    SqlIdentifier name = null;
    boolean primaryKey;
    final SqlNodeList columns;
}
{
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY> { primaryKey = true; }
    |
        <UNIQUE> { s.add(this); primaryKey = false; }
    )
    columns = ParenthesizedSimpleIdentifierList()
    {
        return new SqlTableConstraint(s.end(columns), name, primaryKey, columns);
    }
}

/** One optional clause after CREATE TABLE's element list. */
void TableClause(TableClauses clauses) :
{
    SqlParserPos pos;
    SqlIdentifier id;
    SqlNode condition;
    SqlLiteral text;
    ColdPartitionGranularity granularity;
    SqlSeriesDefinition series;
}
{
    <AGING> { pos = getPos(); }
    (
        <FLAG> id = SimpleIdentifier() { clauses.agingFlag(id, pos); }
    |
        <RULE> <LPAREN> condition = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
            clauses.agingRule(condition, pos);
        }
    |
        <SCHEDULE> text = ThermoStringLiteral() { clauses.agingSchedule(text, pos); }
    )
|
    <COLD> { pos = getPos(); } <PARTITION> <BY>
    (
        <YEAR> { granularity = ColdPartitionGranularity.YEAR; }
    |
        <MONTH> { granularity = ColdPartitionGranularity.MONTH; }
    |
        <DAY> { granularity = ColdPartitionGranularity.DAY; }
    )
    <LPAREN> id = SimpleIdentifier() <RPAREN> {
        clauses.coldPartition(granularity, id, pos);
    }
|
    <USING> { pos = getPos(); } <EXTENDED> <STORAGE> { clauses.extendedStorage(pos); }
|
    series = SeriesDefinition() { clauses.series(series); }
}

/** SERIES ( sub-clauses in any order ) */
SqlSeriesDefinition SeriesDefinition() :
{
    final Span s;
    final SeriesClauses clauses = new SeriesClauses();
}
{
    <SERIES> { s = span(); } <LPAREN>
    ( SeriesClause(clauses) )+
    <RPAREN> {
        return clauses.build(s.end(this));
    }
}

void SeriesClause(SeriesClauses clauses) :
{
    SqlParserPos pos;
    SqlNodeList columns;
    SqlIdentifier id;
    SqlLiteral interval;
    SqlNode value;
}
{
    <SERIES> { pos = getPos(); } <KEY> columns = ParenthesizedSimpleIdentifierList() {
        clauses.seriesKey(columns, pos);
    }
|
    <PERIOD> { pos = getPos(); } <FOR> <SERIES> <LPAREN> id = SimpleIdentifier() <RPAREN> {
        clauses.period(id, pos);
    }
|
    <EQUIDISTANT> { pos = getPos(); } <INCREMENT> <BY> interval = IntervalLiteral() {
        clauses.equidistant(interval, pos);
    }
|
    <NOT> { pos = getPos(); } <EQUIDISTANT> { clauses.notEquidistant(pos); }
|
    <MISSING> { pos = getPos(); } <ELEMENTS>
    (
        <ALLOWED> { clauses.missingElements(true, pos); }
    |
        <NOT> <ALLOWED> { clauses.missingElements(false, pos); }
    )
|
    <MINVALUE> { pos = getPos(); } value = Literal() { clauses.minValue(value, pos); }
|
    <MAXVALUE> { pos = getPos(); } value = Literal() { clauses.maxValue(value, pos); }
}

/**
 * CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (col [ASC | DESC], ...); reached from
 * SqlCreate() after CREATE [OR REPLACE].
 */
SqlCreate SqlCreateIndex(Span s, boolean replace) :
{
    boolean unique = false;
    final boolean ifNotExists;
    final SqlIdentifier name;
    final SqlIdentifier table;
    final SqlNodeList columns;
}
{
    [ <UNIQUE> { unique = true; } ]
    <INDEX> {
        if (replace) {
            throw ClauseSet.syntaxError(s.end(this), "CREATE OR REPLACE is not supported for indexes");
        }
    }
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    <ON> table = CompoundIdentifier()
    columns = IndexColumnList()
    {
        return new SqlCreateIndex(s.end(this), unique, ifNotExists, name, table, columns);
    }
}

SqlNodeList IndexColumnList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    IndexColumn(list)
    (
        <COMMA> IndexColumn(list)
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

void IndexColumn(List<SqlNode> list) :
{
    final SqlIdentifier id;
}
{
    id = SimpleIdentifier()
    (
        <DESC> {
            list.add(SqlStdOperatorTable.DESC.createCall(getPos(), id));
        }
    |
        [ <ASC> ] { list.add(id); }
    )
}

/** DROP TABLE [IF EXISTS] name; reached from SqlDrop() after DROP. */
SqlDrop SqlDropThermoTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return new SqlDropThermoTable(s.end(this), ifExists, id);
    }
}

/** DROP INDEX [IF EXISTS] name; reached from SqlDrop() after DROP. */
SqlDrop SqlDropIndex(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <INDEX> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return new SqlDropIndex(s.end(this), ifExists, id);
    }
}

/**
 * ALTER TABLE name SET AGING RULE (condition) | SET AGING SCHEDULE 'spec' | ENABLE AGING
 * | DISABLE AGING | ADD [COLUMN] column-definition.
 * A statement of its own (Calcite's ALTER hook only covers ALTER SYSTEM / SESSION).
 */
SqlNode SqlAlterThermoTable() :
{
    final Span s;
    final SqlIdentifier id;
    SqlNode condition;
    SqlLiteral text;
    SqlColumnDefinition column;
}
{
    <ALTER> { s = span(); } <TABLE> id = CompoundIdentifier()
    (
        <SET> <AGING>
        (
            <RULE> <LPAREN> condition = Expression(ExprContext.ACCEPT_SUB_QUERY) <RPAREN> {
                return new SqlAlterTableSetAgingRule(s.end(this), id, condition);
            }
        |
            <SCHEDULE> text = ThermoStringLiteral() {
                return new SqlAlterTableSetAgingSchedule(s.end(this), id, text);
            }
        )
    |
        <ENABLE> <AGING> { return new SqlAlterTableSwitchAging(s.end(this), id, true); }
    |
        <DISABLE> <AGING> { return new SqlAlterTableSwitchAging(s.end(this), id, false); }
    |
        <ADD> [ <COLUMN> ] column = ThermoColumnDefinition() {
            return new SqlAlterTableAddColumn(s.end(this), id, column);
        }
    )
}

/** BACKUP DATA USING FILE ('name') */
SqlNode SqlBackupData() :
{
    final Span s;
    final SqlLiteral name;
}
{
    <BACKUP> { s = span(); } <DATA> <USING> <FILE> <LPAREN> name = ThermoStringLiteral() <RPAREN> {
        return new SqlBackupData(s.end(this), name);
    }
}

package io.thermocline.sql.jdbc;

import io.thermocline.engine.Database;
import io.thermocline.engine.catalog.TableDefinition;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.sql.SqlNode;

/**
 * One connection's recently planned queries by SQL text, so that a plain {@code Statement} running
 * a query again skips Calcite's parse, validation, planning and code generation (70+ ms, where the
 * engine answers the devops bench's queries in 2 to 50 ms). Calcite plans every {@code
 * executeQuery} from scratch and keeps plans only inside a PreparedStatement; reporting tools send
 * the same text through plain statements again and again.
 *
 * <p>An entry is reused only while the catalog ({@link Database#tables()}) equals the one it was
 * planned against: a plan holds the table definitions it saw (columns, tiers), and DDL from any
 * connection changes the list. The key is the text, default schema, element type and row limit.
 * Only queries are kept (DDL runs while Calcite prepares it, so it must never be skipped); a plan
 * binds a fresh enumerable with its own data context per execution, so entries are shared by the
 * connection's statements. At most {@value #CAPACITY} entries, least recently used out first.
 * Guarded by its own monitor.
 */
final class PlanCache {
  static final int CAPACITY = 64;

  private record Key(String sql, List<String> schemaPath, Type elementType, long maxRowCount) {}

  private record Entry(List<TableDefinition> catalog, CalcitePrepare.CalciteSignature<?> plan) {}

  private final Database database;
  private final Map<Key, Entry> entries =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
          return size() > CAPACITY;
        }
      };

  PlanCache(Database database) {
    this.database = database;
  }

  /**
   * A prepare factory for the connection's Calcite driver: {@code prepare}'s, behind this cache.
   */
  Supplier<CalcitePrepare> around(Supplier<CalcitePrepare> prepare) {
    return () -> new Caching(prepare.get());
  }

  private synchronized CalcitePrepare.CalciteSignature<?> get(
      Key key, List<TableDefinition> catalog) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (!e.catalog().equals(catalog)) {
      entries.remove(key);
      return null;
    }
    return e.plan();
  }

  private synchronized void put(
      Key key, List<TableDefinition> catalog, CalcitePrepare.CalciteSignature<?> plan) {
    entries.put(key, new Entry(catalog, plan));
  }

  /** Calcite's preparation with {@link #prepareSql} answered from the cache when it can. */
  private final class Caching implements CalcitePrepare {
    private final CalcitePrepare delegate;

    Caching(CalcitePrepare delegate) {
      this.delegate = delegate;
    }

    @Override
    @SuppressWarnings("unchecked") // a key's element type is the type the signature was made for
    public <T> CalciteSignature<T> prepareSql(
        Context context, Query<T> query, Type elementType, long maxRowCount) {
      if (query.sql == null) {
        return delegate.prepareSql(context, query, elementType, maxRowCount);
      }
      Key key =
          new Key(query.sql, List.copyOf(context.getDefaultSchemaPath()), elementType, maxRowCount);
      // Read before planning: DDL racing the planner leaves an entry that is already stale.
      List<TableDefinition> catalog = database.tables();
      CalciteSignature<?> cached = get(key, catalog);
      if (cached != null) {
        return (CalciteSignature<T>) cached;
      }
      CalciteSignature<T> plan = delegate.prepareSql(context, query, elementType, maxRowCount);
      if (plan.statementType == Meta.StatementType.SELECT) {
        put(key, catalog, plan);
      }
      return plan;
    }

    @Override
    public ParseResult parse(Context context, String sql) {
      return delegate.parse(context, sql);
    }

    @Override
    public ConvertResult convert(Context context, String sql) {
      return delegate.convert(context, sql);
    }

    @Override
    public void executeDdl(Context context, SqlNode node) {
      delegate.executeDdl(context, node);
    }

    @Override
    public AnalyzeViewResult analyzeView(Context context, String sql, boolean fail) {
      return delegate.analyzeView(context, sql, fail);
    }

    @Override
    public <T> CalciteSignature<T> prepareQueryable(Context context, Queryable<T> queryable) {
      return delegate.prepareQueryable(context, queryable);
    }
  }
}

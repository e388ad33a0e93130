package io.thermocline.coldstore.parquet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.filter2.predicate.Operators.And;
import org.apache.parquet.filter2.predicate.Operators.Contains;
import org.apache.parquet.filter2.predicate.Operators.Eq;
import org.apache.parquet.filter2.predicate.Operators.Gt;
import org.apache.parquet.filter2.predicate.Operators.GtEq;
import org.apache.parquet.filter2.predicate.Operators.In;
import org.apache.parquet.filter2.predicate.Operators.LogicalNotUserDefined;
import org.apache.parquet.filter2.predicate.Operators.Lt;
import org.apache.parquet.filter2.predicate.Operators.LtEq;
import org.apache.parquet.filter2.predicate.Operators.Not;
import org.apache.parquet.filter2.predicate.Operators.NotEq;
import org.apache.parquet.filter2.predicate.Operators.NotIn;
import org.apache.parquet.filter2.predicate.Operators.Or;
import org.apache.parquet.filter2.predicate.Operators.UserDefined;
import org.apache.parquet.filter2.predicate.UserDefinedPredicate;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;

/**
 * Decides whether parquet's dictionary filter is worth running for a pushed-down predicate on one
 * file: only when the predicate tests equality (=, &lt;&gt;, IN) somewhere, and every column it
 * names has small dictionary pages (or none). The filter answers each leaf, ranges included, by
 * reading the chunk's dictionary page again and boxing every entry into a hash set; on a timestamp
 * column with tens of thousands of distinct values per row group that was most of the flights week
 * and point queries' time, while min/max statistics and the column index (which stay on) had
 * already pruned what such a column can prune. Small dictionaries of categorical columns are cheap
 * to expand and are where the filter drops row groups statistics cannot. Stateless.
 */
final class DictionaryPruning {
  /** Largest on-disk dictionary page (header included) the filter may expand. */
  static final long MAX_DICTIONARY_BYTES = 16 << 10;

  private DictionaryPruning() {}

  static boolean worthwhile(FilterPredicate p, List<BlockMetaData> blocks) {
    if (p == null) {
      return false;
    }
    Leaves leaves = new Leaves();
    p.accept(leaves);
    if (!leaves.equality) {
      return false;
    }
    for (BlockMetaData b : blocks) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        if (leaves.columns.contains(c.getPath())
            && c.hasDictionaryPage()
            && c.getFirstDataPageOffset() - c.getDictionaryPageOffset() > MAX_DICTIONARY_BYTES) {
          return false;
        }
      }
    }
    return true;
  }

  /** Collects the columns a predicate names and whether any leaf tests equality. */
  private static final class Leaves implements FilterPredicate.Visitor<Void> {
    final Set<ColumnPath> columns = new HashSet<>();
    boolean equality;

    private Void leaf(Operators.Column<?> column, boolean isEquality) {
      columns.add(column.getColumnPath());
      equality |= isEquality;
      return null;
    }

    @Override
    public <T extends Comparable<T>> Void visit(Eq<T> eq) {
      return leaf(eq.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>> Void visit(NotEq<T> notEq) {
      return leaf(notEq.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>> Void visit(In<T> in) {
      return leaf(in.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>> Void visit(NotIn<T> notIn) {
      return leaf(notIn.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>> Void visit(Contains<T> contains) {
      return leaf(contains.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>> Void visit(Lt<T> lt) {
      return leaf(lt.getColumn(), false);
    }

    @Override
    public <T extends Comparable<T>> Void visit(LtEq<T> ltEq) {
      return leaf(ltEq.getColumn(), false);
    }

    @Override
    public <T extends Comparable<T>> Void visit(Gt<T> gt) {
      return leaf(gt.getColumn(), false);
    }

    @Override
    public <T extends Comparable<T>> Void visit(GtEq<T> gtEq) {
      return leaf(gtEq.getColumn(), false);
    }

    @Override
    public Void visit(And and) {
      and.getLeft().accept(this);
      return and.getRight().accept(this);
    }

    @Override
    public Void visit(Or or) {
      or.getLeft().accept(this);
      return or.getRight().accept(this);
    }

    @Override
    public Void visit(Not not) {
      return not.getPredicate().accept(this);
    }

    @Override
    public <T extends Comparable<T>, U extends UserDefinedPredicate<T>> Void visit(
        UserDefined<T, U> udp) {
      return leaf(udp.getColumn(), true);
    }

    @Override
    public <T extends Comparable<T>, U extends UserDefinedPredicate<T>> Void visit(
        LogicalNotUserDefined<T, U> udp) {
      return leaf(udp.getUserDefined().getColumn(), true);
    }
  }
}

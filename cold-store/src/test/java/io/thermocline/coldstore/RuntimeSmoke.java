package io.thermocline.coldstore;

import io.thermocline.coldstore.scan.BatchOps;
import io.thermocline.common.config.Config;
import io.thermocline.common.expr.Expr;
import io.thermocline.common.scan.AggregateCall;
import io.thermocline.common.scan.AggregateSpec;
import io.thermocline.common.scan.BatchCursor;
import io.thermocline.common.scan.ScanRequest;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child-JVM program for {@link RuntimeClasspathTest}: exercises every code path of the cold store
 * (write, filtered scan, delete, compaction, import of a Parquet file, FileIO) with nothing but the
 * module's run-time class path. Prints {@code ok} and exits 0, or throws.
 */
public final class RuntimeSmoke {
  private RuntimeSmoke() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Schema schema =
        Schema.of(Column.notNull("ts", DataType.TIMESTAMP), Column.nullable("v", DataType.DOUBLE))
            .withTimeColumn("ts");
    try (ColdStore store = ColdStore.open(dir, Config.defaults())) {
      ColdTable t = store.table("smoke", schema);
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        rows.add(new Object[] {1_000_000L * i, i / 3.0});
      }
      t.writeFile(1, BatchOps.fromRows(schema, rows));
      t.insertDelta(2, List.<Object[]>of(new Object[] {5L, 1.0}));
      t.endRows(3, 2, Expr.lt("v", 10.0));
      long n = 0;
      try (BatchCursor c = t.scan(ScanRequest.at(3).withFilter(Expr.gt("ts", 500_000_000L)))) {
        for (var b = c.next(); b != null; b = c.next()) {
          n += b.rowCount();
        }
      }
      check(n == 499, "scan returned " + n);
      t.compact(3);
      String file =
          Files.walk(Path.of(store.root()))
              .filter(p -> p.toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow()
              .toString();
      ColdTable copy =
          store.table("copy", ParquetImport.schemaOf(URI.create("file://" + file), store.conf()));
      long imported = ParquetImport.importFile(copy, 4, URI.create("file://" + file));
      Object count =
          copy.aggregate(ScanRequest.at(4), AggregateSpec.of(List.of(), AggregateCall.countStar()))
              .rows()
              .get(0)[0];
      check(imported == 970 && Long.valueOf(970).equals(count), imported + " / " + count);
      store.fileIO().writeAtomically(dir.resolve("x").toString(), new byte[] {1});
    }
    System.out.println("ok");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("smoke check failed: " + what);
    }
  }
}

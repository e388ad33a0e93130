package io.thermocline.engine.move;

import io.thermocline.coldstore.ColdSettings;
import io.thermocline.coldstore.fs.ColdFileSystems;
import io.thermocline.common.config.Config;
import io.thermocline.common.schema.Column;
import io.thermocline.common.schema.Schema;
import io.thermocline.common.type.DataType;
import io.thermocline.engine.Database;
import io.thermocline.engine.DatabaseOptions;
import io.thermocline.engine.EngineSettings;
import io.thermocline.engine.Session;
import io.thermocline.engine.Thermocline;
import io.thermocline.testkit.hadoop.FaultInjectingFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/**
 * Base of the move tests whose cold tier fails on demand: the database's Parquet files live on a
 * {@link FaultInjectingFileSystem} over the local disk, and {@link #failMetadata} makes the RocksDB
 * batch that publishes a cold commit fail. Subclasses fill the table {@link #T} and inject faults;
 * everything is healed and closed after each test.
 */
abstract class FaultyColdTierTest {
  static final String T = "readings";
  static final long T0 = 1_700_000_000_000_000L;
  static final Schema SCHEMA =
      new Schema(
          List.of(
              Column.notNull("id", DataType.BIGINT),
              Column.notNull("v", DataType.BIGINT),
              Column.notNull("ts", DataType.TIMESTAMP)),
          List.of("id"),
          "ts");

  @TempDir Path dir;
  FaultInjectingFileSystem fs;
  final AtomicBoolean failMetadata = new AtomicBoolean();
  Database db;
  Session session;
  private FileSystem local;

  /** Opens the database (again, after a close) on the faulty file system, with a session. */
  void openDatabase() throws IOException {
    if (local == null) {
      local = ColdFileSystems.open(dir.toUri(), new Configuration());
      fs = new FaultInjectingFileSystem(local);
    }
    Config config =
        Config.defaults()
            .with(ColdSettings.SYNC_METADATA, false)
            .with(EngineSettings.MAINTENANCE_ENABLED, false);
    db =
        Thermocline.open(
            DatabaseOptions.of(dir)
                .withConfig(config)
                .withColdOptions(
                    o ->
                        o.withFileSystem(fs, dir.resolve("cold").toUri())
                            .withCommitHook(
                                b -> {
                                  if (failMetadata.get()) {
                                    throw new RocksDBException("injected: disk full");
                                  }
                                })));
    session = db.session();
  }

  @AfterEach
  void closeDatabase() throws IOException {
    fs.heal();
    failMetadata.set(false);
    session.close();
    db.close();
    local.close();
  }
}

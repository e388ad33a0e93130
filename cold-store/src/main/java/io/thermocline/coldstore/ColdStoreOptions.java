package io.thermocline.coldstore;

import io.thermocline.coldstore.meta.MetaStore;
import io.thermocline.common.config.Config;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * How to open a {@link ColdStore}: the local data directory (RocksDB lives there), the root URI of
 * the Parquet files, the Hadoop configuration and Thermocline settings. A caller may hand in its
 * own {@link FileSystem} (a cluster client it shares, or a fault-injecting one in tests); the store
 * then uses but does not close it. Immutable; each {@code with} returns a copy.
 */
public final class ColdStoreOptions {
  private final Path localDir;
  private final URI root;
  private final FileSystem fileSystem;
  private final Configuration hadoopConf;
  private final Config config;
  private final MetaStore.CommitHook commitHook;

  private ColdStoreOptions(
      Path localDir,
      URI root,
      FileSystem fileSystem,
      Configuration hadoopConf,
      Config config,
      MetaStore.CommitHook commitHook) {
    this.localDir = localDir;
    this.root = root;
    this.fileSystem = fileSystem;
    this.hadoopConf = hadoopConf;
    this.config = config;
    this.commitHook = commitHook;
  }

  /** Defaults: root from {@link ColdSettings#ROOT}, else {@code file://<localDir>/cold}. */
  public static ColdStoreOptions of(Path localDir) {
    return new ColdStoreOptions(
        localDir.toAbsolutePath(), null, null, new Configuration(), Config.defaults(), null);
  }

  public ColdStoreOptions withConfig(Config c) {
    return new ColdStoreOptions(localDir, root, fileSystem, hadoopConf, c, commitHook);
  }

  public ColdStoreOptions withRoot(URI r) {
    return new ColdStoreOptions(localDir, r, fileSystem, hadoopConf, config, commitHook);
  }

  /** Uses {@code fs} (not closed by the store) with the root {@code r} on it. */
  public ColdStoreOptions withFileSystem(FileSystem fs, URI r) {
    return new ColdStoreOptions(localDir, r, fs, hadoopConf, config, commitHook);
  }

  public ColdStoreOptions withHadoopConf(Configuration conf) {
    return new ColdStoreOptions(localDir, root, fileSystem, conf, config, commitHook);
  }

  /** A fault-injection seam for tests: sees (and may fail) every metadata batch. */
  public ColdStoreOptions withCommitHook(MetaStore.CommitHook hook) {
    return new ColdStoreOptions(localDir, root, fileSystem, hadoopConf, config, hook);
  }

  public Path localDir() {
    return localDir;
  }

  /** The root URI in force: explicit, else the setting, else under the data directory. */
  public URI root() {
    if (root != null) {
      return root;
    }
    String configured = config.get(ColdSettings.ROOT);
    if (!configured.isBlank()) {
      return URI.create(configured);
    }
    return localDir.resolve("cold").toUri();
  }

  public FileSystem fileSystem() {
    return fileSystem;
  }

  public Configuration hadoopConf() {
    return hadoopConf;
  }

  public Config config() {
    return config;
  }

  public MetaStore.CommitHook commitHook() {
    return commitHook;
  }
}

package io.thermocline.coldstore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hadoop's in-process HDFS (one NameNode, one DataNode) for the tests that put the cold root on
 * {@code hdfs://}. Started once per test JVM on first use (about three seconds) and shut down when
 * the JUnit run ends, through the root context's store. Thread-safe.
 */
final class MiniHdfs implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MiniHdfs.class);
  private static final AtomicInteger ROOTS = new AtomicInteger();
  private static volatile Running running;

  /** The cluster and its client; closing shuts the cluster down. */
  private record Running(MiniDFSCluster cluster, FileSystem fs) implements AutoCloseable {
    @Override
    public void close() {
      cluster.shutdown(true);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context.getRoot().getStore(NS).getOrComputeIfAbsent("cluster", k -> start(), Running.class);
  }

  private static Running start() {
    try {
      Path base = Files.createTempDirectory(Path.of("target"), "minidfs");
      Configuration conf = new Configuration();
      conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toAbsolutePath().toString());
      conf.setInt("dfs.replication", 1);
      MiniDFSCluster cluster =
          new MiniDFSCluster.Builder(conf, new File(base.toAbsolutePath().toString()))
              .numDataNodes(1)
              .build();
      cluster.waitActive();
      return new Running(cluster, cluster.getFileSystem());
    } catch (IOException e) {
      throw new UncheckedIOException("MiniDFSCluster did not start", e);
    }
  }

  static FileSystem fileSystem() {
    return running.fs();
  }

  /** A fresh directory on the cluster, as an {@code hdfs://} URI. */
  static URI newRoot(String name) {
    return URI.create(
        running.fs().getUri() + "/thermocline/" + name + "-" + ROOTS.incrementAndGet());
  }
}

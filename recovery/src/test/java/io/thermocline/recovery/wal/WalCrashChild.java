package io.thermocline.recovery.wal;

import io.thermocline.common.config.Config;
import io.thermocline.common.io.LocalFileIO;

/**
 * The child JVM of {@link WalCrashTest}: opens the log, prints its recovery report, then appends
 * from four threads forever, printing {@code ACK <lsn> <txn>} after each acknowledged append, until
 * the parent kills it with SIGKILL.
 *
 * <p>Arguments: log directory, first transaction id, fsync policy.
 */
public final class WalCrashChild {
  private WalCrashChild() {}

  public static void main(String[] args) {
    String directory = args[0];
    long firstTxn = Long.parseLong(args[1]);
    Config config =
        Config.defaults()
            .with(WalSettings.FSYNC_POLICY, FsyncPolicy.valueOf(args[2]))
            .with(WalSettings.SEGMENT_BYTES, 64L * 1024);
    WriteAheadLog wal = WriteAheadLog.open(LocalFileIO.INSTANCE, directory, config);
    System.out.println("REPORT " + wal.recoveryReport());
    for (int t = 0; t < 4; t++) {
      final long first = firstTxn + t * 1_000_000L;
      Thread committer =
          new Thread(
              () -> {
                for (long txn = first; ; txn++) {
                  long lsn = wal.append(txn, 1, Payloads.varying(txn, 300));
                  System.out.println("ACK " + lsn + " " + txn);
                }
              },
              "committer-" + t);
      committer.start();
    }
  }
}

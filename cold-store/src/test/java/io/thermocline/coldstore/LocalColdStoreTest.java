package io.thermocline.coldstore;

import java.nio.file.Path;

/** The cold store contract on the local disk, with the default root under the data directory. */
class LocalColdStoreTest extends ColdStoreContract {
  @Override
  protected ColdStoreOptions options(Path localDir) {
    return ColdStoreOptions.of(localDir);
  }
}

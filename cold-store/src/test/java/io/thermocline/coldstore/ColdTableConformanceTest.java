package io.thermocline.coldstore;

import io.thermocline.common.schema.Schema;
import io.thermocline.testkit.scan.TierFixture;
import io.thermocline.testkit.scan.TierScanConformanceTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared scan conformance suite against the cold tier (maintenance = compaction). */
class ColdTableConformanceTest extends TierScanConformanceTest {
  @TempDir Path dir;

  @Override
  protected TierFixture createFixture(Schema schema) {
    return ColdTierFixture.inTempDir(dir, schema);
  }
}

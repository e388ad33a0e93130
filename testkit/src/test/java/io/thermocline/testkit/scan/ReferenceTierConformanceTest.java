package io.thermocline.testkit.scan;

import io.thermocline.common.schema.Schema;

/** The conformance kit run against the reference model itself: proves the kit runs green. */
class ReferenceTierConformanceTest extends TierScanConformanceTest {
  @Override
  protected TierFixture createFixture(Schema schema) {
    return new ReferenceTierFixture(schema);
  }
}

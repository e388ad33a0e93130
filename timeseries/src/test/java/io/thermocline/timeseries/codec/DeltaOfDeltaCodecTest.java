package io.thermocline.timeseries.codec;

class DeltaOfDeltaCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return DeltaOfDeltaCodec.INSTANCE;
  }
}

package io.thermocline.timeseries.codec;

class GorillaCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return GorillaCodec.INSTANCE;
  }
}

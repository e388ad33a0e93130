package io.thermocline.timeseries.codec;

class EquidistantCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return EquidistantCodec.INSTANCE;
  }
}

package io.thermocline.timeseries.codec;

class AlpCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return AlpCodec.INSTANCE;
  }
}

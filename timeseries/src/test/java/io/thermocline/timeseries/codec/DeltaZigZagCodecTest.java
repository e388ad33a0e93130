package io.thermocline.timeseries.codec;

class DeltaZigZagCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return DeltaZigZagCodec.INSTANCE;
  }
}

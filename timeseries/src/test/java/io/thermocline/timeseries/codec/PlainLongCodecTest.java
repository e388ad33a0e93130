package io.thermocline.timeseries.codec;

class PlainLongCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return PlainLongCodec.INSTANCE;
  }
}

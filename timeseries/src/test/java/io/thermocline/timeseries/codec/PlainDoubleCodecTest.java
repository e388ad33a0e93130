package io.thermocline.timeseries.codec;

class PlainDoubleCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return PlainDoubleCodec.INSTANCE;
  }
}

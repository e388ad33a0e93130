package io.thermocline.timeseries.codec;

class Chimp128CodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return Chimp128Codec.INSTANCE;
  }
}

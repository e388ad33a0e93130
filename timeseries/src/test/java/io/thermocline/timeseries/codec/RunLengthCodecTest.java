package io.thermocline.timeseries.codec;

class RunLengthCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return RunLengthCodec.INSTANCE;
  }
}

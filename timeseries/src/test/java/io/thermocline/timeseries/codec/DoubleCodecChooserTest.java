package io.thermocline.timeseries.codec;

class DoubleCodecChooserTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return new ChosenDoubleCodec();
  }
}

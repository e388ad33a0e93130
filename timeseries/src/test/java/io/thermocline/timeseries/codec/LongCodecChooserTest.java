package io.thermocline.timeseries.codec;

class LongCodecChooserTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return new ChosenLongCodec();
  }
}

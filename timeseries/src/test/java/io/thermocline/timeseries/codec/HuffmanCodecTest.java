package io.thermocline.timeseries.codec;

class HuffmanCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return HuffmanCodec.VALUES;
  }
}

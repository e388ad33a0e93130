package io.thermocline.timeseries.codec;

class DeltaHuffmanCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return HuffmanCodec.DELTAS;
  }
}

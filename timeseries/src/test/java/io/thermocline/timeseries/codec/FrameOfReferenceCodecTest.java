package io.thermocline.timeseries.codec;

class FrameOfReferenceCodecTest extends CodecContractTest {
  @Override
  protected Codec codec() {
    return FrameOfReferenceCodec.INSTANCE;
  }
}

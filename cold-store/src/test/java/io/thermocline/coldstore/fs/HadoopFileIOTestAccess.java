package io.thermocline.coldstore.fs;

import io.thermocline.common.io.FileIO;

/** Lets tests in other packages run the FileIO contract checks of {@link HadoopFileIOTest}. */
public final class HadoopFileIOTestAccess {
  private HadoopFileIOTestAccess() {}

  public static void check(FileIO io, String base) throws Exception {
    HadoopFileIOTest.check(io, base);
  }
}

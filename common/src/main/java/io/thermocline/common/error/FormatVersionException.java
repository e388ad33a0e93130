package io.thermocline.common.error;

/**
 * A file's format version is outside the range this build reads: {@link ErrorCode#FORMAT_TOO_NEW}
 * when a newer Thermocline wrote it, {@link ErrorCode#FORMAT_TOO_OLD} when support for it was
 * dropped.
 */
public class FormatVersionException extends ThermoException {
  private static final long serialVersionUID = 1L;

  private final int version;

  public FormatVersionException(
      String file, String format, int version, int minVersion, int maxVersion) {
    super(
        version > maxVersion ? ErrorCode.FORMAT_TOO_NEW : ErrorCode.FORMAT_TOO_OLD,
        format
            + " version "
            + version
            + " is outside the readable range ["
            + minVersion
            + ", "
            + maxVersion
            + "] (file="
            + file
            + ")");
    this.version = version;
  }

  public int version() {
    return version;
  }
}

package io.thermocline.common.error;

/**
 * The one exception type of Thermocline's API. It carries a stable {@link ErrorCode}; the message
 * names what was wrong (table, column, file, offset) so that a user can act on it without a stack
 * trace.
 */
public class ThermoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ThermoException(ErrorCode code, String message) {
    super(code.code() + ": " + message);
    this.code = code;
  }

  public ThermoException(ErrorCode code, String message, Throwable cause) {
    super(code.code() + ": " + message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}

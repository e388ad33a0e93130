package io.thermocline.admincli.cli;

/**
 * A command failed for a reason to tell the user in one line: the server's error code and message,
 * or a local problem (server unreachable, file missing). Exit status 1. Immutable.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public CliFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The Thermocline error code ({@code TC-nnnn}), or null for a local problem. */
  public String code() {
    return code;
  }

  /** The one line shown: {@code TC-nnnn: message}. */
  public String line() {
    return code == null ? getMessage() : code + ": " + getMessage();
  }
}

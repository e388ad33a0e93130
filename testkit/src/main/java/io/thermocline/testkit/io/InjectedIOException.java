package io.thermocline.testkit.io;

import java.io.IOException;

/**
 * An I/O error that {@link FaultInjectingFileIO} raised on purpose (tests can tell it from a real
 * one).
 */
public class InjectedIOException extends IOException {
  private static final long serialVersionUID = 1L;

  public InjectedIOException(String message) {
    super(message);
  }
}

package io.thermocline.admincli.server;

import io.thermocline.common.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * How to start a server: its data directory, its settings ({@link ServerSettings#all()}), the first
 * ADMIN's password when the directory has no user yet (null: generate and print one), and where to
 * print the start-up lines. Immutable.
 */
public record ServerOptions(
    Path dataDirectory, Config config, char[] initialAdminPassword, PrintStream out) {

  public ServerOptions {
    config = config == null ? Config.defaults() : config;
    out = out == null ? System.out : out;
  }
}

/**
 * The {@code thermo} command line (picocli): the entry point and the global options. It owns
 * argument parsing and exit codes only; it must not reach into engine internals.
 */
package io.thermocline.admincli;

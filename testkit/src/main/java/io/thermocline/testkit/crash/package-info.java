/**
 * The crash harness: runs a real child JVM, watches its output and kills it with SIGKILL. Tests
 * only; it must never leave a child process running after the test that started it.
 */
package io.thermocline.testkit.crash;

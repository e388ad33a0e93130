/**
 * Test-only support shared by all modules: conformance base classes, the reference table model,
 * fault-injecting file I/O and the crash harness. Never a runtime dependency.
 */
package io.thermocline.testkit;

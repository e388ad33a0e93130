/**
 * Fault injection for code that runs on a Hadoop FileSystem (the cold tier): a file system wrapper
 * that fails chosen operations or fills the disk on demand. Hadoop is a provided dependency here:
 * only modules that already have it (cold-store and those above it) may use this package.
 */
package io.thermocline.testkit.hadoop;

/**
 * The backup bench: full backup and restore throughput of a devops data directory next to a plain
 * recursive copy of the same directory. Must not be part of the default test run.
 */
package io.thermocline.bench.backup;

/**
 * Backups as files: the JSON backup manifest (SHA-256 per file), writing a backup directory with
 * hashing copies and progress, the catalog of a target (list, delete), verify and checked copies
 * back. Must not know the engine, its tiers or any Hadoop class: everything goes through {@link
 * io.thermocline.common.io.FileIO}.
 */
package io.thermocline.recovery.backup;

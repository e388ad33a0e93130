/**
 * Hadoop FileSystem plumbing: the FileIO facade over any Hadoop file system, opening the cold root
 * and directory sync for local disks. Knows nothing of Parquet or the manifest.
 */
package io.thermocline.coldstore.fs;

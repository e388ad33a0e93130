/**
 * The single file I/O facade (local files and Hadoop FileSystem alike) and its local
 * implementation, including atomic replace. No format logic here; formats use {@code
 * io.thermocline.common.format}.
 */
package io.thermocline.common.io;

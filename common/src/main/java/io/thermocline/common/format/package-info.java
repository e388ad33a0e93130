/**
 * The one file-format utility (DESIGN.md section 11): versioned headers, CRC32C footers, streaming
 * checksummed input and output, and atomic replacement. Knows no concrete format and does no I/O
 * except through {@link io.thermocline.common.io.FileIO}.
 */
package io.thermocline.common.format;

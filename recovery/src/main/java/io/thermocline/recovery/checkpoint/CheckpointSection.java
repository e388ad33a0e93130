package io.thermocline.recovery.checkpoint;

/**
 * One named byte stream of a checkpoint file, as its index describes it. Immutable.
 *
 * @param name unique within the file
 * @param offset where its bytes start in the file
 * @param length how many bytes it holds
 * @param crc32c CRC32C of its bytes
 */
public record CheckpointSection(String name, long offset, long length, int crc32c) {}

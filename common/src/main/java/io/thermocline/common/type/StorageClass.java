package io.thermocline.common.type;

/**
 * How a value is held in vectors and in the tiers. Every integral, fixed-point and temporal type
 * shares the {@code long} path so that scans, codecs and aggregates need only three variants.
 */
public enum StorageClass {
  LONG,
  DOUBLE,
  STRING
}

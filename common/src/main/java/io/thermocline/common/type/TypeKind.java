package io.thermocline.common.type;

/**
 * The column types of DESIGN.md section 2, and how each is held in memory ({@link StorageClass}).
 */
public enum TypeKind {
  /** Stored as a long, 0 or 1. */
  BOOLEAN(StorageClass.LONG),
  /** 32-bit signed, stored widened to a long. */
  INTEGER(StorageClass.LONG),
  BIGINT(StorageClass.LONG),
  DOUBLE(StorageClass.DOUBLE),
  /** Stored as the unscaled long value; precision is at most 18 digits. */
  DECIMAL(StorageClass.LONG),
  VARCHAR(StorageClass.STRING),
  /** Days since 1970-01-01, stored as a long. */
  DATE(StorageClass.LONG),
  /** Microseconds since 1970-01-01T00:00:00Z (UTC), stored as a long. */
  TIMESTAMP(StorageClass.LONG);

  private final StorageClass storage;

  TypeKind(StorageClass storage) {
    this.storage = storage;
  }

  public StorageClass storage() {
    return storage;
  }
}

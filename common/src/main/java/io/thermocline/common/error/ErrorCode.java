package io.thermocline.common.error;

/**
 * Stable error codes. The code string ({@code TC-nnnn}) is part of the public contract: clients and
 * scripts match on it, so a code is never renumbered or reused. Add new codes at the end of their
 * range.
 */
public enum ErrorCode {
  // 1xxx: bad input from a user or client
  TYPE_MISMATCH("TC-1001", "value does not match the column type"),
  NOT_NULL_VIOLATION("TC-1002", "NULL given for a NOT NULL column"),
  UNKNOWN_COLUMN("TC-1003", "no such column"),
  STRING_TOO_LONG("TC-1004", "string longer than the column allows"),
  NUMERIC_OUT_OF_RANGE("TC-1005", "number outside the range of the column type"),
  INVALID_SCHEMA("TC-1006", "invalid table schema"),
  INVALID_ARGUMENT("TC-1007", "invalid argument"),
  WRONG_COLUMN_COUNT("TC-1008", "row has the wrong number of values"),
  UNKNOWN_TABLE("TC-1009", "no such table"),
  DUPLICATE_KEY("TC-1010", "duplicate primary key"),
  INVALID_CONFIG("TC-1011", "invalid configuration setting"),
  UNSUPPORTED("TC-1012", "operation not supported"),
  UNKNOWN_PROCEDURE("TC-1013", "no such system procedure"),
  SERIES_VIOLATION("TC-1014", "row violates the series definition of its table"),

  // 2xxx: transactions and concurrency
  SERIALIZATION_FAILURE("TC-2001", "write-write conflict; retry the transaction"),
  SNAPSHOT_TOO_OLD("TC-2002", "snapshot no longer available"),
  TRANSACTION_CLOSED("TC-2003", "transaction already committed or rolled back"),

  // 3xxx: storage and files
  IO_ERROR("TC-3001", "I/O error"),
  CORRUPT_FILE("TC-3002", "file is corrupt"),
  FORMAT_TOO_NEW("TC-3003", "file format version is newer than this build reads"),
  FORMAT_TOO_OLD("TC-3004", "file format version is older than this build reads"),
  COLD_TIER_UNAVAILABLE("TC-3005", "cold tier unavailable"),
  DATA_DIRECTORY_IN_USE("TC-3006", "data directory is held by another process"),
  BACKUP_DAMAGED("TC-3007", "backup is damaged or incomplete"),

  // 4xxx: security
  AUTHENTICATION_FAILED("TC-4001", "user or password wrong"),
  PERMISSION_DENIED("TC-4002", "the user's role does not allow this"),

  // 9xxx: bugs
  INTERNAL("TC-9001", "internal error");

  private final String code;
  private final String summary;

  ErrorCode(String code, String summary) {
    this.code = code;
    this.summary = summary;
  }

  /** The stable code, e.g. {@code TC-1001}. */
  public String code() {
    return code;
  }

  /** A one-line description of the class of error. */
  public String summary() {
    return summary;
  }
}

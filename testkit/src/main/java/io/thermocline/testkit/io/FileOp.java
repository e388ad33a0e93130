package io.thermocline.testkit.io;

/** The operations of {@link io.thermocline.common.io.FileIO} a fault can be attached to. */
public enum FileOp {
  CREATE,
  APPEND,
  OPEN,
  /** A positional read of an open file. */
  READ,
  /** A write to an open file. */
  WRITE,
  /** An fsync of an open file. */
  SYNC,
  /** Closing an open file (reads or writes). */
  CLOSE,
  RENAME,
  DELETE,
  SYNC_DIRECTORY,
  TRUNCATE,
  MKDIRS,
  LIST,
  EXISTS,
  LENGTH
}

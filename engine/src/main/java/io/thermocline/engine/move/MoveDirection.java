package io.thermocline.engine.move;

/** Which way a move batch goes. */
public enum MoveDirection {
  /** Aging: hot rows whose aging flag is TRUE go to the cold tier. */
  TO_COLD,
  /** Recall: cold rows whose aging flag is FALSE come back to the hot tier. */
  TO_HOT
}

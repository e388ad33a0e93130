package io.thermocline.engine.catalog;

/** Where a table keeps its rows (DESIGN.md section 2). */
public enum TableKind {
  /** In-memory column partition only ({@code CREATE TABLE}). */
  HOT,
  /** Hot partition plus cold files, rows moved by the aging flag ({@code CREATE HYBRID TABLE}). */
  HYBRID,
  /** Cold files only ({@code CREATE TABLE ... USING EXTENDED STORAGE}). */
  COLD;

  public boolean hasHot() {
    return this != COLD;
  }

  public boolean hasCold() {
    return this != HOT;
  }
}

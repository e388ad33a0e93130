package io.thermocline.engine.durability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a commit's hot effects into records of bounded size, so a bulk change never needs one
 * giant log record: the rows go out as {@link CommitRecord.Kind#ROWS} records of about {@code
 * chunkBytes} each and the last piece rides in the {@link CommitRecord.Kind#COMMIT} record. The
 * pieces share the commit's row lists (views, not copies). Stateless.
 */
final class RecordChunker {
  /** Name, column count and the two row counts of a table entry, with a string length prefix. */
  private static final int TABLE_OVERHEAD = 4 + 4 + 4 + 4;

  /** Version, kind, cid, time, table count. */
  private static final int RECORD_OVERHEAD = 1 + 1 + 8 + 8 + 4;

  private RecordChunker() {}

  /**
   * The records that log {@code commit}: zero or more ROWS records, then the COMMIT record, each
   * payload at most {@code chunkBytes} plus one row.
   */
  static List<CommitRecord> split(CommitRecord commit, int chunkBytes) {
    List<CommitRecord> out = new ArrayList<>();
    Piece piece = new Piece(commit, chunkBytes, out);
    for (CommitRecord.TableChanges t : commit.tables()) {
      piece.startTable(t);
      piece.addRows(t, t.ended(), true);
      piece.addRows(t, t.inserted(), false);
      piece.endTable(t);
    }
    out.add(
        new CommitRecord(
            CommitRecord.Kind.COMMIT, commit.cid(), commit.commitTimeMicros(), piece.tables));
    return out;
  }

  /** Encoded bytes of one row in the coding of {@link CommitRecord#writeRows}. */
  static long rowBytes(Object[] row, int columns) {
    long n = 0;
    for (int c = 0; c < columns; c++) {
      Object v = row[c];
      if (v == null) {
        n += 1;
      } else if (v instanceof String s) {
        n += 1 + 4 + utf8Length(s);
      } else {
        n += 1 + 8;
      }
    }
    return n;
  }

  static int utf8Length(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 0x80) {
        // Rare: let the encoder count exactly rather than re-implementing surrogate rules here.
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  /** The record being filled: complete table entries plus the current table's row ranges. */
  private static final class Piece {
    private final CommitRecord commit;
    private final long budget;
    private final List<CommitRecord> out;
    private List<CommitRecord.TableChanges> tables = new ArrayList<>();
    private long bytes = RECORD_OVERHEAD;
    private int endedFrom;
    private int endedTo;
    private int insertedFrom;
    private int insertedTo;

    Piece(CommitRecord commit, long budget, List<CommitRecord> out) {
      this.commit = commit;
      this.budget = budget;
      this.out = out;
    }

    void startTable(CommitRecord.TableChanges t) {
      endedFrom = 0;
      endedTo = 0;
      insertedFrom = 0;
      insertedTo = 0;
      bytes += TABLE_OVERHEAD + utf8Length(t.table());
    }

    void addRows(CommitRecord.TableChanges t, List<Object[]> rows, boolean ended) {
      for (int r = 0; r < rows.size(); r++) {
        bytes += rowBytes(rows.get(r), t.columns());
        if (ended) {
          endedTo = r + 1;
        } else {
          insertedTo = r + 1;
        }
        if (bytes >= budget) {
          flush(t);
        }
      }
    }

    void endTable(CommitRecord.TableChanges t) {
      if (endedTo > endedFrom
          || insertedTo > insertedFrom
          || t.ended().isEmpty() && t.inserted().isEmpty()) {
        tables.add(current(t));
      }
    }

    private CommitRecord.TableChanges current(CommitRecord.TableChanges t) {
      return new CommitRecord.TableChanges(
          t.table(),
          t.columns(),
          t.ended().subList(endedFrom, endedTo),
          t.inserted().subList(insertedFrom, insertedTo));
    }

    /** Emits what is collected as a ROWS record and goes on with the same table. */
    private void flush(CommitRecord.TableChanges t) {
      tables.add(current(t));
      out.add(
          new CommitRecord(
              CommitRecord.Kind.ROWS, commit.cid(), commit.commitTimeMicros(), tables));
      tables = new ArrayList<>();
      endedFrom = endedTo;
      insertedFrom = insertedTo;
      bytes = RECORD_OVERHEAD + TABLE_OVERHEAD + utf8Length(t.table());
    }
  }
}

package io.thermocline.engine.durability;

import io.thermocline.common.error.CorruptFileException;
import io.thermocline.common.io.FileIO;
import io.thermocline.common.io.LocalFileIO;
import io.thermocline.common.io.ReadableFile;
import io.thermocline.engine.table.HybridTable;
import io.thermocline.recovery.checkpoint.CheckpointFile;
import io.thermocline.recovery.checkpoint.CheckpointReader;
import io.thermocline.recovery.checkpoint.CheckpointSection;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A {@link HotCheckpoint} made from another one that holds exactly the wanted rows: a backup whose
 * image is at the commit id of the data directory's own checkpoint copies that checkpoint's row
 * sections byte for byte instead of scanning and encoding the hot tier again, and writes a new meta
 * section (its own log start and commit time). Every copied section is checked against its CRC32C
 * on the way, so a damaged source is reported, never copied into a backup.
 *
 * <p>Only a {@link HotCheckpoint#VERSION_COLUMNAR} source whose tables are those given (same names,
 * create ids and column counts) and whose sections are exactly its parts and meta is used; the copy
 * is a version {@code VERSION_COLUMNAR} file whatever this build writes itself, so it stays
 * readable as long as that version is. Stateless.
 */
public final class HotCheckpointCopy {
  private static final int BUFFER = 1 << 20;

  private HotCheckpointCopy() {}

  /**
   * Writes {@code <dataDirectory>/checkpoint/hot.ckpt} through {@code io} from the checkpoint in
   * {@code sourceDirectory} (laid out as a data directory, {@code checkpoint/hot.ckpt}; nobody may
   * replace it meanwhile, e.g. a hard link of a live one) if that one holds the hot rows of {@code
   * tables} at {@code cid}; returns false, having written nothing, if it does not.
   *
   * @param lsn the first log record the new checkpoint does not cover
   * @param timeMicros the log's newest commit time for the new meta section
   * @throws CorruptFileException naming the source and offset if the source is damaged (the target
   *     is then not written)
   */
  public static boolean write(
      FileIO io,
      Path sourceDirectory,
      Path dataDirectory,
      long cid,
      long lsn,
      long timeMicros,
      List<HybridTable> tables) {
    HotCheckpoint.Image source = HotCheckpoint.readMeta(sourceDirectory);
    if (source.file() == null || !matches(source, cid, tables)) {
      return false;
    }
    String path = source.file().toString();
    CheckpointReader reader = CheckpointFile.open(LocalFileIO.INSTANCE, path);
    Map<String, CheckpointSection> sections = new HashMap<>();
    for (CheckpointSection s : reader.sections()) {
      sections.put(s.name(), s);
    }
    if (!sections.keySet().equals(expectedSections(source))) {
      return false;
    }
    Path target = HotCheckpoint.file(dataDirectory);
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      return false; // the encoding path reports it
    }
    CheckpointFile.write(
        io,
        target.toString(),
        w -> {
          try (ReadableFile in = LocalFileIO.INSTANCE.open(path)) {
            byte[] buffer = new byte[BUFFER];
            for (int i = 0; i < source.tables().size(); i++) {
              for (int p = 0; p < source.tables().get(i).parts(); p++) {
                String name = "hot/" + i + "/" + p;
                try (OutputStream out = w.openSection(name)) {
                  copy(in, path, sections.get(name), out, buffer);
                }
              }
            }
          }
          w.section("meta", meta(source, lsn, timeMicros));
        });
    return true;
  }

  private static boolean matches(HotCheckpoint.Image source, long cid, List<HybridTable> tables) {
    if (source.version() != HotCheckpoint.VERSION_COLUMNAR
        || source.cid() != cid
        || source.tables().size() != tables.size()) {
      return false;
    }
    Map<String, HybridTable> byName = new HashMap<>();
    for (HybridTable t : tables) {
      byName.put(t.name(), t);
    }
    for (HotCheckpoint.TableImage ti : source.tables()) {
      HybridTable t = byName.remove(ti.name());
      if (t == null
          || t.definition().createdCid() != ti.createdCid()
          || t.schema().size() != ti.columns()) {
        return false;
      }
    }
    return byName.isEmpty();
  }

  private static Set<String> expectedSections(HotCheckpoint.Image source) {
    Set<String> out = new HashSet<>();
    out.add("meta");
    for (int i = 0; i < source.tables().size(); i++) {
      for (int p = 0; p < source.tables().get(i).parts(); p++) {
        out.add("hot/" + i + "/" + p);
      }
    }
    return out;
  }

  private static void copy(
      ReadableFile in, String path, CheckpointSection s, OutputStream out, byte[] buffer)
      throws IOException {
    CRC32C crc = new CRC32C();
    long done = 0;
    while (done < s.length()) {
      int n = (int) Math.min(buffer.length, s.length() - done);
      in.readFully(s.offset() + done, buffer, 0, n);
      crc.update(buffer, 0, n);
      out.write(buffer, 0, n);
      done += n;
    }
    if ((int) crc.getValue() != s.crc32c()) {
      throw new CorruptFileException(
          path, s.offset(), "section '" + s.name() + "' checksum mismatch (copying it)");
    }
  }

  /** The meta section of {@link HotCheckpoint#VERSION_COLUMNAR} with a new LSN and time. */
  private static byte[] meta(HotCheckpoint.Image source, long lsn, long timeMicros)
      throws IOException {
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(meta)) {
      out.writeByte(HotCheckpoint.VERSION_COLUMNAR);
      out.writeLong(source.cid());
      out.writeLong(lsn);
      out.writeLong(timeMicros);
      out.writeInt(source.tables().size());
      for (HotCheckpoint.TableImage t : source.tables()) {
        CommitRecord.writeString(out, t.name());
        out.writeLong(t.createdCid());
        out.writeInt(t.columns());
        out.writeInt(t.parts());
      }
    }
    return meta.toByteArray();
  }
}

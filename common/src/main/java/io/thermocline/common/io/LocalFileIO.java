package io.thermocline.common.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link FileIO} on the local file system through NIO channels; fsync is {@code FileChannel.force},
 * directory fsync opens the directory read-only and forces it (works on Linux, a no-op where the
 * platform refuses). Stateless and thread-safe.
 */
public final class LocalFileIO implements FileIO {
  public static final LocalFileIO INSTANCE = new LocalFileIO();

  @Override
  public WritableFile create(String path) throws IOException {
    FileChannel ch =
        FileChannel.open(
            Path.of(path),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    return new ChannelWritable(path, ch);
  }

  @Override
  public WritableFile append(String path) throws IOException {
    FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE);
    ch.position(ch.size());
    return new ChannelWritable(path, ch);
  }

  @Override
  public ReadableFile open(String path) throws IOException {
    return new ChannelReadable(path, FileChannel.open(Path.of(path), StandardOpenOption.READ));
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(Path.of(path));
  }

  @Override
  public long length(String path) throws IOException {
    return Files.size(Path.of(path));
  }

  @Override
  public List<String> list(String directory) throws IOException {
    Path dir = Path.of(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        names.add(p.getFileName().toString());
      }
    }
    Collections.sort(names);
    return names;
  }

  @Override
  public void mkdirs(String directory) throws IOException {
    Files.createDirectories(Path.of(directory));
  }

  @Override
  public void delete(String path) throws IOException {
    try {
      Files.deleteIfExists(Path.of(path));
    } catch (NoSuchFileException e) {
      // raced with another delete: the goal is reached
    }
  }

  @Override
  public void rename(String source, String target) throws IOException {
    Files.move(
        Path.of(source),
        Path.of(target),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void syncDirectory(String directory) throws IOException {
    try (FileChannel ch = FileChannel.open(Path.of(directory), StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or force a directory; Linux can, and that is where it matters.
      if (Files.isDirectory(Path.of(directory))) {
        return;
      }
      throw e;
    }
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.WRITE)) {
      ch.truncate(length);
      ch.force(true);
    }
  }

  private static final class ChannelWritable implements WritableFile {
    private final String path;
    private final FileChannel channel;

    ChannelWritable(String path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public void sync() throws IOException {
      channel.force(false);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static final class ChannelReadable implements ReadableFile {
    private final String path;
    private final FileChannel channel;

    ChannelReadable(String path, FileChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public long length() throws IOException {
      return channel.size();
    }

    @Override
    public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
      ByteBuffer buf = ByteBuffer.wrap(buffer, offset, length);
      long pos = position;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos);
        if (n < 0) {
          throw new EOFException(
              "unexpected end of "
                  + path
                  + " at offset "
                  + pos
                  + ", wanted "
                  + buf.remaining()
                  + " more bytes");
        }
        pos += n;
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}

package io.thermocline.timeseries.codec;

import io.thermocline.timeseries.bits.BitReader;
import io.thermocline.timeseries.bits.BitStreamException;
import io.thermocline.timeseries.bits.BitWriter;
import java.util.Arrays;

/**
 * Canonical Huffman coding of 64-bit symbols: the entropy stage that bit packing lacks, for skewed
 * distributions of few distinct values (rainfall that is mostly zero, temperatures within a band).
 * {@link #VALUES} codes the values themselves; {@link #DELTAS} writes the first value in 64 bits
 * and codes the differences between neighbours (smooth series).
 *
 * <p>Layout: distinct symbol count (32 bits); the symbols ascending as the first one (64 bits) and
 * the gaps minus one bit-packed (7-bit width); the longest code length (5 bits) and every symbol's
 * code length at the width of that; then the codes, most significant bit first. Codes are canonical
 * (by length, then symbol), at most {@value #MAX_CODE_LENGTH} bits unless there are too many
 * symbols for that. Decoding uses a 12-bit lookup table with a canonical walk for longer codes.
 * Stateless; tables are allocated per call.
 */
public final class HuffmanCodec implements LongCodec {
  public static final HuffmanCodec VALUES = new HuffmanCodec(false);
  public static final HuffmanCodec DELTAS = new HuffmanCodec(true);

  static final int MAX_CODE_LENGTH = 15;
  private static final int TABLE_BITS = 12;

  private final boolean deltas;

  private HuffmanCodec(boolean deltas) {
    this.deltas = deltas;
  }

  @Override
  public CodecId id() {
    return deltas ? CodecId.DELTA_HUFFMAN : CodecId.HUFFMAN;
  }

  @Override
  public void encode(long[] values, int from, int count, BitWriter out) {
    if (count == 0) {
      return;
    }
    long[] symbols;
    if (deltas) {
      out.writeBits(values[from], 64);
      symbols = new long[count - 1];
      for (int i = 1; i < count; i++) {
        symbols[i - 1] = values[from + i] - values[from + i - 1];
      }
    } else {
      symbols = Arrays.copyOfRange(values, from, from + count);
    }
    writeSymbols(symbols, symbols.length, out);
  }

  /**
   * Appends the table and the codes of {@code symbols[0, n)}; nothing for {@code n == 0}. Shared
   * with {@link SeasonalHuffmanCodec}, which codes differences of its own.
   */
  static void writeSymbols(long[] symbols, int n, BitWriter out) {
    if (n == 0) {
      return;
    }
    SymbolCounter counter = new SymbolCounter(Math.min(n, 1024));
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = counter.add(symbols[i]);
    }
    int d = counter.size();
    // Ranks in ascending symbol order: the table lists symbols sorted so gaps stay small.
    long[] distinct = new long[d];
    for (int id = 0; id < d; id++) {
      distinct[id] = counter.symbol(id);
    }
    Arrays.sort(distinct);
    long[] freq = new long[d];
    int[] rankOfId = new int[d];
    for (int id = 0; id < d; id++) {
      int rank = Arrays.binarySearch(distinct, counter.symbol(id));
      rankOfId[id] = rank;
      freq[rank] = counter.count(id);
    }
    int maxLength = Math.max(MAX_CODE_LENGTH, ZigZag.width(d - 1));
    int[] lengths = HuffmanCodeLengths.of(freq, d, maxLength);
    int longest = 0;
    for (int i = 0; i < d; i++) {
      longest = Math.max(longest, lengths[i]);
    }
    writeTable(distinct, d, lengths, longest, out);
    if (longest == 0) {
      return;
    }
    int[] codes = canonicalCodes(lengths, d, longest);
    int[] codeById = new int[d];
    int[] lengthById = new int[d];
    for (int id = 0; id < d; id++) {
      codeById[id] = codes[rankOfId[id]];
      lengthById[id] = lengths[rankOfId[id]];
    }
    for (int i = 0; i < n; i++) {
      int id = ids[i];
      out.writeBits(codeById[id], lengthById[id]);
    }
  }

  private static void writeTable(
      long[] distinct, int d, int[] lengths, int longest, BitWriter out) {
    out.writeBits(d, 32);
    out.writeBits(distinct[0], 64);
    // Symbols are sorted signed and distinct, so every gap minus one fits unsigned in 64 bits.
    long orGaps = 0;
    for (int i = 1; i < d; i++) {
      orGaps |= distinct[i] - distinct[i - 1] - 1;
    }
    int gapWidth = ZigZag.width(orGaps);
    out.writeBits(gapWidth, 7);
    for (int i = 1; i < d; i++) {
      out.writeBits(distinct[i] - distinct[i - 1] - 1, gapWidth);
    }
    out.writeBits(longest, 5);
    int lengthWidth = ZigZag.width(longest);
    for (int i = 0; i < d; i++) {
      out.writeBits(lengths[i], lengthWidth);
    }
  }

  /** DEFLATE's canonical assignment: by length, then symbol order. */
  private static int[] canonicalCodes(int[] lengths, int d, int longest) {
    int[] perLength = new int[longest + 1];
    for (int i = 0; i < d; i++) {
      perLength[lengths[i]]++;
    }
    int[] next = new int[longest + 1];
    int code = 0;
    for (int len = 1; len <= longest; len++) {
      next[len] = code;
      code = (code + perLength[len]) << 1;
    }
    int[] codes = new int[d];
    for (int i = 0; i < d; i++) {
      if (lengths[i] > 0) {
        codes[i] = next[lengths[i]]++;
      }
    }
    return codes;
  }

  @Override
  public void decode(BitReader in, int count, long[] dst, int dstFrom) {
    if (count == 0) {
      return;
    }
    int at = dstFrom;
    long prev = 0;
    if (deltas) {
      prev = in.readBits(64);
      dst[at++] = prev;
    }
    int n = deltas ? count - 1 : count;
    readSymbols(in, n, dst, at);
    if (deltas) {
      for (int i = at, end = at + n; i < end; i++) {
        prev += dst[i];
        dst[i] = prev;
      }
    }
  }

  /** Reads what {@link #writeSymbols} wrote for {@code n} symbols into {@code dst[at, at + n)}. */
  static void readSymbols(BitReader in, int n, long[] dst, int at) {
    if (n == 0) {
      return;
    }
    long d = in.readBits(32);
    if (d < 1 || d > n) {
      throw new BitStreamException("huffman table of " + d + " symbols for " + n + " values");
    }
    long[] distinct = new long[(int) d];
    distinct[0] = in.readBits(64);
    int gapWidth = (int) in.readBits(7);
    if (gapWidth > 64) {
      throw new BitStreamException("huffman symbol gap width " + gapWidth + " exceeds 64");
    }
    for (int i = 1; i < d; i++) {
      distinct[i] = distinct[i - 1] + in.readBits(gapWidth) + 1;
    }
    int longest = (int) in.readBits(5);
    int lengthWidth = ZigZag.width(longest);
    int[] lengths = new int[(int) d];
    for (int i = 0; i < d; i++) {
      lengths[i] = (int) in.readBits(lengthWidth);
    }
    if (longest == 0) {
      if (d != 1) {
        throw new BitStreamException("huffman code of length 0 for " + d + " symbols");
      }
      Arrays.fill(dst, at, at + n, distinct[0]);
      return;
    }
    Decoder decoder = new Decoder(distinct, lengths, (int) d, longest);
    // Codes are decoded past a possible end of the stream into padding; seek() then throws, so
    // values from padding never leave this method.
    long p = decoder.decode(in, in.position(), dst, at, n);
    in.seek(p);
  }

  /** Canonical decoding tables of one block. */
  private static final class Decoder {
    private final int longest;
    private final int tableBits;

    /** Per prefix of tableBits bits: symbol rank << 5 | length, or -1 for a longer code. */
    private final int[] table;

    private final long[] canonicalSymbols;
    private final int[] firstCode;
    private final int[] firstRank;
    private final int[] perLength;

    Decoder(long[] distinct, int[] lengths, int d, int longest) {
      this.longest = longest;
      this.tableBits = Math.min(TABLE_BITS, longest);
      perLength = new int[longest + 1];
      for (int i = 0; i < d; i++) {
        if (lengths[i] < 1 || lengths[i] > longest) {
          throw new BitStreamException("huffman code length " + lengths[i] + " out of range");
        }
        perLength[lengths[i]]++;
      }
      // Kraft: a prefix code over `longest` bits cannot have more than 2^longest leaves' worth.
      long kraft = 0;
      for (int len = 1; len <= longest; len++) {
        kraft += (long) perLength[len] << (longest - len);
      }
      if (kraft > (1L << longest)) {
        throw new BitStreamException("huffman code lengths are not a prefix code");
      }
      firstCode = new int[longest + 2];
      firstRank = new int[longest + 2];
      int code = 0;
      int rank = 0;
      for (int len = 1; len <= longest; len++) {
        firstCode[len] = code;
        firstRank[len] = rank;
        code = (code + perLength[len]) << 1;
        rank += perLength[len];
      }
      canonicalSymbols = new long[d];
      int[] nextRank = firstRank.clone();
      for (int i = 0; i < d; i++) {
        canonicalSymbols[nextRank[lengths[i]]++] = distinct[i];
      }
      table = new int[1 << tableBits];
      Arrays.fill(table, -1);
      for (int len = 1; len <= tableBits; len++) {
        for (int k = 0; k < perLength[len]; k++) {
          int c = firstCode[len] + k;
          int span = 1 << (tableBits - len);
          int entry = ((firstRank[len] + k) << 5) | len;
          Arrays.fill(table, c * span, c * span + span, entry);
        }
      }
    }

    /** Decodes {@code n} symbols from bit {@code p} into {@code dst}; returns the end bit. */
    long decode(BitReader in, long p, long[] dst, int at, int n) {
      int[] t = table;
      long[] symbols = canonicalSymbols;
      int shift = 64 - tableBits;
      int refillBelow = longest;
      // A 64-bit window serves several codes before the next (unaligned) load.
      long window = in.peekAt(p);
      int available = 64;
      for (int i = at, end = at + n; i < end; i++) {
        if (available < refillBelow) {
          window = in.peekAt(p);
          available = 64;
        }
        int entry = t[(int) (window >>> shift)];
        if (entry < 0) {
          entry = longCode(window);
        }
        int len = entry & 31;
        dst[i] = symbols[entry >>> 5];
        window <<= len;
        available -= len;
        p += len;
      }
      return p;
    }

    /** A code longer than the table: the canonical walk, length by length. */
    private int longCode(long window) {
      for (int len = tableBits + 1; len <= longest; len++) {
        long c = window >>> (64 - len);
        long offset = c - firstCode[len];
        if (offset >= 0 && offset < perLength[len]) {
          return ((firstRank[len] + (int) offset) << 5) | len;
        }
      }
      throw new BitStreamException("bits match no huffman code");
    }
  }
}

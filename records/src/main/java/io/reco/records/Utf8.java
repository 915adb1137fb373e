package io.reco.records;

import java.util.Objects;

/**
 * Strict UTF-8 (RFC 3629, the Unicode standard's table 3-7): the check that every byte path of the contract runs
 * before trusting bytes as text. It refuses what lenient decoders let through: overlong forms ({@code C0 80},
 * {@code E0 80 AF}), encoded surrogates (CESU-8, {@code ED A0..BF xx}), code points above U+10FFFF, stray
 * continuation bytes and truncated sequences.
 */
public final class Utf8 {
  private Utf8() {
  }

  /** Whether {@code len} bytes of {@code b} from {@code off} are well-formed UTF-8. */
  public static boolean isValid(byte[] b, int off, int len) {
    return firstInvalid(b, off, len) < 0;
  }

  /** The index in {@code b} where the first ill-formed sequence starts, or -1 when all is well-formed. */
  public static int firstInvalid(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    int end = off + len;
    int i = off;
    while (i < end) {
      int lead = b[i];
      if (lead >= 0) {
        i++;
        continue;
      }
      lead &= 0xFF;
      int need;
      int min = 0x80;
      int max = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        need = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 2;
        if (lead == 0xE0) {
          min = 0xA0; // below: overlong
        } else if (lead == 0xED) {
          max = 0x9F; // above: surrogates
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 3;
        if (lead == 0xF0) {
          min = 0x90; // below: overlong
        } else if (lead == 0xF4) {
          max = 0x8F; // above: beyond U+10FFFF
        }
      } else {
        return i; // a continuation byte, an overlong lead C0/C1, or F5..FF
      }
      if (i + need >= end) {
        return i; // truncated
      }
      int second = b[i + 1] & 0xFF;
      if (second < min || second > max) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}

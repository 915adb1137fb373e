package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;

class RowKeysTest {
  @Test
  void keyIsMd5PrefixThenIdAndRoundTrips() {
    byte[] key = RowKeys.of("u1");
    assertArrayEquals(new byte[] {(byte) 0xe4, (byte) 0x77, 'u', '1'}, key);
    assertEquals("u1", RowKeys.idOf(key));
    assertEquals("produit-é", RowKeys.idOf(RowKeys.of("produit-é")));
  }

  @Test
  void emptyIdsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RowKeys.of(""));
    assertThrows(IllegalArgumentException.class, () -> RowKeys.idOf(new byte[] {1, 2}));
  }

  @Test
  void sequentialIdsSpreadEvenlyOverThePreSplitRegions() {
    byte[][] splits = RowKeys.splitPoints(8);
    assertEquals(7, splits.length);
    assertArrayEquals(new byte[] {0x20, 0x00}, splits[0]);
    assertArrayEquals(new byte[] {(byte) 0xe0, 0x00}, splits[6]);
    int[] perRegion = new int[8];
    for (int i = 0; i < 80_000; i++) {
      byte[] key = RowKeys.of(String.valueOf(i));
      int region = 0;
      while (region < splits.length && Bytes.compareTo(key, splits[region]) >= 0) {
        region++;
      }
      perRegion[region]++;
    }
    for (int n : perRegion) {
      assertTrue(n > 9_000 && n < 11_000, "each region holds about 10,000 of 80,000 keys, one held " + n);
    }
    assertEquals(0, RowKeys.splitPoints(1).length);
  }
}

package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.schema.avro.ScoredItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.KeyValue;
import org.junit.jupiter.api.Test;

class ScoredListsTest {
  @Test
  void listsRoundTripInOrderAndCellsFollowTheContract() {
    List<ScoredItem> items = List.of(new ScoredItem("b", 0.9), new ScoredItem("a", 0.5));
    assertEquals(items, ScoredLists.decode(ScoredLists.encode(items)));
    assertEquals(List.of(), ScoredLists.decode(ScoredLists.encode(List.of())));

    KeyValue cell = ScoredLists.cell(RecoTables.ITEM_SIMILAR, "100008", "v20261122-000000", items);
    assertArrayEquals(RowKeys.of("100008"), CellUtil.cloneRow(cell));
    assertEquals("s", new String(CellUtil.cloneFamily(cell), StandardCharsets.UTF_8));
    assertEquals("v20261122-000000", new String(CellUtil.cloneQualifier(cell), StandardCharsets.UTF_8));
    assertEquals(items, ScoredLists.decode(CellUtil.cloneValue(cell)));
  }

  @Test
  void garbageIsNotAList() {
    assertThrows(IllegalArgumentException.class, () -> ScoredLists.decode(new byte[] {(byte) 0xff, 1, 2}));
  }
}

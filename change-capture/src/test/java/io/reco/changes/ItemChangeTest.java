package io.reco.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.RejectReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemChangeTest {
  static final ItemChange.Fields FIELDS = new ItemChange.Fields("product_id", "price", "in_stock", "quantity",
      "is_active");

  static ItemChange parse(String json) throws RowChange.Invalid {
    return ItemChange.parse(json.getBytes(StandardCharsets.UTF_8), FIELDS);
  }

  @Test
  void aPostgresUpdateUnderTheSchemaEnvelopeGivesItsFieldsAndItsLsn() throws Exception {
    ItemChange change = parse("{\"schema\":{\"type\":\"struct\"},\"payload\":{\"before\":null,\"after\":"
        + "{\"product_id\":\"p7\",\"price\":19.5,\"quantity\":0,\"is_active\":true},\"source\":{\"connector\":"
        + "\"postgresql\",\"table\":\"inventory\",\"lsn\":24023128,\"ts_ms\":1764756000000},\"op\":\"u\","
        + "\"ts_ms\":1764756000123}}");
    assertEquals(new ItemChange("p7", 24023128L, 19.5, false, true, false, "inventory", 1764756000000L), change);
  }

  @Test
  void aMysqlCreateIsOrderedByBinlogFileThenPosition() throws Exception {
    ItemChange early = parse("{\"after\":{\"product_id\":42,\"in_stock\":1},\"source\":{\"file\":"
        + "\"mysql-bin.000003\",\"pos\":4294967000},\"op\":\"c\"}");
    ItemChange late = parse("{\"after\":{\"product_id\":42,\"in_stock\":0},\"source\":{\"file\":"
        + "\"mysql-bin.000004\",\"pos\":154},\"op\":\"r\"}");
    assertEquals("42", early.itemId());
    assertEquals(Boolean.TRUE, early.inStock());
    assertEquals(Boolean.FALSE, late.inStock());
    assertTrue(early.position() < late.position());
    assertNull(early.price());
  }

  @Test
  void aDeleteNamesTheItemInBeforeAndATombstoneIsNoChange() throws Exception {
    ItemChange delete = parse("{\"before\":{\"product_id\":\"p7\",\"price\":3},\"after\":null,\"source\":"
        + "{\"lsn\":99},\"op\":\"d\"}");
    assertEquals(new ItemChange("p7", 99L, null, null, null, true, null, 0L), delete);
    assertNull(ItemChange.parse(new byte[0], FIELDS));
    assertNull(ItemChange.parse(null, FIELDS));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{not json|MALFORMED_JSON||not JSON",
      "[1]|MALFORMED_JSON||a change event is a JSON object",
      "{\"after\":{\"product_id\":\"p\"},\"source\":{\"lsn\":1},\"op\":\"x\"}|INVALID_VALUE|op|op is c, u, r or d",
      "{\"after\":null,\"source\":{\"lsn\":1},\"op\":\"u\"}|MISSING_FIELD|after|a change with op 'u' carries",
      "{\"after\":{\"sku\":\"p\"},\"source\":{\"lsn\":1},\"op\":\"u\"}|MISSING_FIELD|product_id|the row has no id",
      "{\"after\":{\"product_id\":\"p\"},\"source\":{\"ts_ms\":1},\"op\":\"u\"}|MISSING_FIELD|source|the source names"
          + " no position",
      "{\"after\":{\"product_id\":\"p\",\"price\":\"9\"},\"source\":{\"lsn\":1},\"op\":\"u\"}|INVALID_VALUE|price|the"
          + " price is a number",
      "{\"after\":{\"product_id\":\"p\",\"in_stock\":\"yes\"},\"source\":{\"lsn\":1},\"op\":\"u\"}|INVALID_VALUE"
          + "|in_stock|'in_stock' is true or false",
      "{\"after\":{\"product_id\":\"p\"},\"source\":{\"file\":\"binlog\",\"pos\":1},\"op\":\"u\"}|INVALID_VALUE"
          + "|source.file|a binlog file name ends in its sequence number",
  })
  void anythingElseIsRejectedWithItsReasonAndField(String json, RejectReason reason, String field, String message) {
    RowChange.Invalid e = assertThrows(RowChange.Invalid.class, () -> parse(json));
    assertEquals(reason, e.reason);
    assertEquals(field, e.field);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}

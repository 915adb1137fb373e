package io.reco.ingest.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import org.junit.jupiter.api.Test;

class MetadataItemsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MetadataItems items = new MetadataItems();

  private String line(String item) throws Exception {
    return items.line(JSON.readTree(item), "page#items[0]");
  }

  private void assertRejected(String item, RejectReason reason, String field, String message) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> line(item));
    assertEquals(reason, e.reason());
    assertEquals(field, e.field());
    assertEquals(message, e.getMessage());
  }

  @Test
  void itemsPassThroughWithATrimmedStringId() throws Exception {
    String rest = ",\"popularity\":0.8,\"sentiment\":-0.3,\"trend\":\"rising\",\"extra\":{\"a\":1}}";
    assertEquals("{\"product_id\":\"p1\"" + rest, line("{\"product_id\":\" p1 \"" + rest));
    assertEquals("{\"product_id\":\"42\",\"trend\":null}", line("{\"product_id\":42,\"trend\":null}"));
  }

  @Test
  void rejectsWhatCannotBeJoinedOrRead() throws Exception {
    assertRejected("{\"popularity\":0.5}", RejectReason.MISSING_FIELD, "product_id", "item has no product_id");
    assertRejected("{\"product_id\":\" \"}", RejectReason.MISSING_FIELD, "product_id", "item has no product_id");
    assertRejected("{\"product_id\":null}", RejectReason.MISSING_FIELD, "product_id", "item has no product_id");
    assertRejected("{\"product_id\":[1]}", RejectReason.WRONG_TYPE, "product_id",
        "field 'product_id' must be a string or an integer, was [1]");
    assertRejected("{\"product_id\":\"p\\n1\"}", RejectReason.INVALID_ID, "product_id",
        "product_id holds control characters (tab, newline...)");
    assertRejected("{\"product_id\":\"p2\",\"popularity\":\"high\"}", RejectReason.WRONG_TYPE, "popularity",
        "field 'popularity' must be a number, was \"high\"");
    assertRejected("{\"product_id\":\"p2\",\"trend\":1}", RejectReason.WRONG_TYPE, "trend",
        "field 'trend' must be a string, was 1");
    assertRejected("\"p3\"", RejectReason.MALFORMED_JSON, null, "item is not a JSON object");
    line("{\"product_id\":\"p4\"}");
    assertRejected("{\"product_id\":\"p4 \"}", RejectReason.DUPLICATE_ID, "product_id",
        "product_id 'p4' already came at page#items[0], which is kept");
  }
}

package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final String VALID = "{\"event_id\":\"e1\",\"user_id\":42,\"product_id\":\"p-7\","
      + "\"event_type\":\"add_to_cart\",\"timestamp\":1793491200000,\"session_id\":\"s1\",\"price\":19.99,"
      + "\"quantity\":2,\"device_type\":\"mobile\",\"metadata\":{\"ab\":\"B\",\"n\":3}}";

  @Test
  void parsesCanonicalEventAndTakesNumericIdsAsStrings() throws Exception {
    InteractionEvent e = EventJson.parse(VALID);
    assertEquals("42", e.getUserId());
    assertEquals("p-7", e.getProductId());
    assertEquals(EventType.add_to_cart, e.getEventType());
    assertEquals(1793491200000L, e.getTimestamp());
    assertEquals(19.99, e.getPrice());
    assertEquals(2, e.getQuantity());
    assertNull(e.getRating());
    assertEquals(Map.of("ab", "B", "n", "3"), e.getMetadata());
  }

  @Test
  void writtenLinesParseBackToTheSameEvent() throws Exception {
    InteractionEvent e = EventJson.parse(VALID);
    StringWriter out = new StringWriter();
    try (EventJson.LineWriter writer = new EventJson.LineWriter(out)) {
      writer.write(e);
      writer.write(e);
    }
    String[] lines = out.toString().split("\n");
    assertEquals(2, lines.length);
    assertEquals(e, EventJson.parse(lines[1]));
  }

  @Test
  void eachDefectIsRejectedWithItsReasonAndField() {
    assertRejected("{not json", RejectReason.MALFORMED_JSON, null);
    assertRejected("[1,2]", RejectReason.MALFORMED_JSON, null);
    assertRejected(VALID.replace("\"user_id\":42,", ""), RejectReason.MISSING_FIELD, "user_id");
    assertRejected(VALID.replace("\"session_id\":\"s1\"", "\"session_id\":\" \""), RejectReason.MISSING_FIELD,
        "session_id");
    assertRejected(VALID.replace("1793491200000", "\"yesterday\""), RejectReason.WRONG_TYPE, "timestamp");
    assertRejected(VALID.replace("19.99", "\"cheap\""), RejectReason.WRONG_TYPE, "price");
    assertRejected(VALID.replace("\"quantity\":2", "\"quantity\":1.5"), RejectReason.WRONG_TYPE, "quantity");
    assertRejected(VALID.replace("add_to_cart", "wishlist"), RejectReason.UNKNOWN_EVENT_TYPE, "event_type");
    assertRejected(VALID.replace("p-7", "p\\t7"), RejectReason.INVALID_ID, "product_id");
  }

  @Test
  void nullsCountAsAbsentAndUnknownFieldsAreIgnored() throws Exception {
    String line = VALID.replace("\"price\":19.99", "\"price\":null,\"extra\":{\"a\":[1,{}]}");
    InteractionEvent e = EventJson.parse(line);
    assertNull(e.getPrice());
    assertEquals("mobile", e.getDeviceType());
    assertEquals(e, EventJson.parse(RecordJson.toJson(e).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":null"), RejectReason.MISSING_FIELD, "user_id");
  }

  @Test
  void theFirstDefectInSchemaOrderIsReportedWhateverTheKeyOrder() {
    String twoDefects = "{\"session_id\":[],\"event_id\":\"e\",\"user_id\":true,\"product_id\":\"p\","
        + "\"event_type\":\"view\",\"timestamp\":1}";
    assertRejected(twoDefects, RejectReason.WRONG_TYPE, "user_id");
    assertRejected(VALID.replace("\"price\":19.99", "\"price\":\"x\"").replace("\"quantity\":2", "\"quantity\":\"y\""),
        RejectReason.WRONG_TYPE, "price");
    assertRejected(VALID.replace("\"metadata\":{\"ab\":\"B\",\"n\":3}", "\"metadata\":[1]"), RejectReason.WRONG_TYPE,
        "metadata");
    assertRejected("", RejectReason.MALFORMED_JSON, null);
    assertRejected("{\"event_id\":\"e\"", RejectReason.MALFORMED_JSON, null);
  }

  private static void assertRejected(String line, RejectReason reason, String field) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventJson.parse(line));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field());
    if (field != null) {
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
  }

  @Test
  void normalisesCaseSpacesAndTimeZones() throws InvalidRecordException {
    InteractionEvent e = EventJson.parse(VALID.replace("\"add_to_cart\"", "\" Add-To-Cart \"")
        .replace("1793491200000", "\"2026-11-01T02:00:00+02:00\"").replace("\"device_type\":\"mobile\"",
            "\"device_type\":\" Mobile \",\"referrer\":\"  \""));
    assertEquals(EventType.add_to_cart, e.getEventType());
    assertEquals(1793491200000L, e.getTimestamp(), "02:00 at +02:00 is midnight UTC");
    assertEquals("mobile", e.getDeviceType());
    assertNull(e.getReferrer(), "an empty optional text is absent");
    assertRejected(VALID.replace("1793491200000", "\"2026-10-31T02:00:00\""), RejectReason.INVALID_TIMESTAMP,
        "timestamp");
  }
}

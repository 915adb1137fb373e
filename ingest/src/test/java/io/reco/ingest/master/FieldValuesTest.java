package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T = 1709288100000L; // 2024-03-01T10:15:00Z

  private static JsonNode row(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static long time(String text) throws InvalidRecordException {
    return FieldValues.parseTime("t", text);
  }

  private static void assertRejected(RejectReason reason, String field, FieldValuesCall call) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, call::run);
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field());
  }

  @FunctionalInterface
  private interface FieldValuesCall {
    void run() throws Exception;
  }

  @Test
  void timestampsInEveryAcceptedForm() throws Exception {
    assertEquals(T, time("1709288100000"));
    assertEquals(T, time("2024-03-01T10:15:00Z"));
    assertEquals(T, time("2024-03-01T10:15:00.000z"));
    assertEquals(T, time("2024-03-01T12:15:00+02:00"));
    assertEquals(T, time("2024-03-01T05:15:00-0500"));
    assertEquals(T, time("2024-03-01T10:15:00"));
    assertEquals(T, time("2024-03-01 10:15:00"));
    assertEquals(1709251200000L, time("2024-03-01"));
  }

  @Test
  void unparseableAndImplausibleTimestamps() throws Exception {
    for (String bad : new String[] {"01/03/2024", "yesterday", "2024-13-01", "-5", "2024-03-01T25:00:00Z"}) {
      assertRejected(RejectReason.INVALID_TIMESTAMP, "t", () -> time(bad));
    }
    InvalidRecordException seconds = assertThrows(InvalidRecordException.class, () -> time("1709288100"));
    assertEquals("field 't' value '1709288100' is 1970-01-20T18:48:08.100Z, outside 1990..2099 (epoch seconds "
        + "instead of milliseconds?)", seconds.getMessage());
    assertRejected(RejectReason.INVALID_TIMESTAMP, "t", () -> time("2100-01-01"));
    assertEquals(FieldValues.MIN_TIME, time("1990-01-01"));
  }

  @Test
  void amountsAreDecimalsThatAreNotNegative() throws Exception {
    assertEquals(12.5, FieldValues.amount(row("{\"price\":\" 12.50 \"}"), "price"));
    assertEquals(12.5, FieldValues.amount(row("{\"price\":12.5}"), "price"));
    assertEquals(0.0, FieldValues.amount(row("{\"price\":\"0\"}"), "price"));
    assertEquals(1200.0, FieldValues.amount(row("{\"price\":\"1.2e3\"}"), "price"));
    assertRejected(RejectReason.WRONG_TYPE, "price", () -> FieldValues.amount(row("{\"price\":\"12,50\"}"), "price"));
    assertRejected(RejectReason.WRONG_TYPE, "price", () -> FieldValues.amount(row("{\"price\":\"$12\"}"), "price"));
    assertRejected(RejectReason.WRONG_TYPE, "price", () -> FieldValues.amount(row("{\"price\":\"NaN\"}"), "price"));
    assertRejected(RejectReason.WRONG_TYPE, "price", () -> FieldValues.amount(row("{\"price\":true}"), "price"));
    assertRejected(RejectReason.WRONG_TYPE, "price", () -> FieldValues.amount(row("{\"price\":[1]}"), "price"));
    assertRejected(RejectReason.INVALID_VALUE, "price", () -> FieldValues.amount(row("{\"price\":-1}"), "price"));
    assertRejected(RejectReason.INVALID_VALUE, "price", () -> FieldValues.amount(row("{\"price\":\"1e400\"}"),
        "price"));
    assertRejected(RejectReason.MISSING_FIELD, "price", () -> FieldValues.amount(row("{\"price\":\" \"}"), "price"));
    assertRejected(RejectReason.MISSING_FIELD, "price", () -> FieldValues.amount(row("{\"price\":null}"), "price"));
  }

  @Test
  void idsTextsFlagsCountsAndMaps() throws Exception {
    JsonNode row = row("{\"id\":\" p 1 \",\"n\":42,\"blank\":\"  \",\"tab\":\"a\\tb\",\"yes\":\"YES\",\"no\":\"0\","
        + "\"maybe\":\"perhaps\",\"count\":\"3\",\"half\":\"1.5\",\"map\":{\"b\":\"2\",\"a\":1,\"z\":null}}");
    assertEquals("p 1", FieldValues.id(row, "id"));
    assertEquals("42", FieldValues.id(row, "n"));
    assertNull(FieldValues.text(row, "blank"));
    assertNull(FieldValues.text(row, "absent"));
    assertRejected(RejectReason.INVALID_ID, "tab", () -> FieldValues.id(row, "tab"));
    assertRejected(RejectReason.MISSING_FIELD, "blank", () -> FieldValues.id(row, "blank"));
    assertTrue(FieldValues.flag(row, "yes", false));
    assertFalse(FieldValues.flag(row, "no", true));
    assertTrue(FieldValues.flag(row, "absent", true));
    assertRejected(RejectReason.WRONG_TYPE, "maybe", () -> FieldValues.flag(row, "maybe", true));
    assertEquals(3, FieldValues.count(row, "count", 0));
    assertEquals(7, FieldValues.count(row, "absent", 7));
    assertRejected(RejectReason.WRONG_TYPE, "half", () -> FieldValues.count(row, "half", 0));
    assertEquals(Map.of("a", "1", "b", "2"), FieldValues.stringMap(row, "map"));
    assertEquals("{a=1, b=2}", FieldValues.stringMap(row, "map").toString());
    assertEquals(Map.of(), FieldValues.stringMap(row, "absent"));
    assertRejected(RejectReason.WRONG_TYPE, "id", () -> FieldValues.stringMap(row, "id"));
    assertRejected(RejectReason.WRONG_TYPE, "map", () -> FieldValues.text(row, "map"));
  }
}

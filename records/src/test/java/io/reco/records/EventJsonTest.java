package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  private static InvalidRecordException assertRejected(String line, RejectReason reason, String field) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventJson.parse(line));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field());
    if (field != null) {
      assertTrue(e.getMessage().contains(field), e.getMessage());
    }
    return e;
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

  // Bounded cost per record

  @Test
  void aKnownFieldNested5000DeepIsRejectedAsALimitNotAStackOverflow() {
    String line = VALID.replace("\"user_id\":42", "\"user_id\":" + nested(5000));
    InvalidRecordException e = assertRejected(line, RejectReason.LIMIT_EXCEEDED, "user_id");
    assertTrue(e.getMessage().contains(EventLimits.MAX_DEPTH), e.getMessage());
  }

  @Test
  void anUnknownFieldNested5000DeepIsRejected() {
    assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":42,\"extra\":" + nested(5000)),
        RejectReason.LIMIT_EXCEEDED, "extra");
  }

  @Test
  void metadataNested5000DeepIsRejected() {
    assertRejected(VALID.replace("\"n\":3", "\"n\":" + nested(5000)), RejectReason.LIMIT_EXCEEDED, "metadata");
  }

  @Test
  void aNestedMetadataValueWithinTheDepthIsKeptAsItsJson() throws Exception {
    InteractionEvent e = EventJson.parse(VALID.replace("\"n\":3", "\"n\":[1,{\"b\":true}]"));
    assertEquals("[1,{\"b\":true}]", e.getMetadata().get("n"));
  }

  @Test
  void aNumberOfAMillionDigitsIsRejectedBeforeItIsConverted() {
    InvalidRecordException e = assertRejected(VALID.replace("19.99", "1" + "0".repeat(1_000_000) + ".5"),
        RejectReason.LIMIT_EXCEEDED, "price");
    assertTrue(e.getMessage().contains(EventLimits.MAX_NUMBER_LENGTH), e.getMessage());
  }

  @Test
  void aNumberOfAMillionDigitsInAnUnknownFieldIsRejected() {
    assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":42,\"extra\":[" + "9".repeat(1_000_000) + "]"),
        RejectReason.LIMIT_EXCEEDED, "extra");
  }

  @Test
  void anIdAtTheLengthLimitIsAccepted() throws Exception {
    assertEquals(256, EventJson.parse(VALID.replace("p-7", "p".repeat(256))).getProductId().length());
  }

  @Test
  void anIdOverTheLengthLimitIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p".repeat(257)), RejectReason.LIMIT_EXCEEDED,
        "product_id");
    assertTrue(e.getMessage().contains(EventLimits.MAX_ID_LENGTH), e.getMessage());
  }

  @Test
  void aTextOverTheLengthLimitIsRejected() {
    assertRejected(VALID.replace("\"mobile\"", "\"" + "m".repeat(2049) + "\""), RejectReason.LIMIT_EXCEEDED,
        "device_type");
  }

  @Test
  void aMetadataValueOverTheLengthLimitIsRejected() {
    assertRejected(VALID.replace("\"B\"", "\"" + "b".repeat(2049) + "\""), RejectReason.LIMIT_EXCEEDED, "metadata");
  }

  @Test
  void moreMetadataEntriesThanTheLimitAreRejected() {
    StringBuilder entries = new StringBuilder("\"metadata\":{");
    for (int i = 0; i <= 100; i++) {
      entries.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    InvalidRecordException e = assertRejected(VALID.replace("\"metadata\":{", entries + ","),
        RejectReason.LIMIT_EXCEEDED, "metadata");
    assertTrue(e.getMessage().contains(EventLimits.MAX_METADATA_ENTRIES), e.getMessage());
  }

  @Test
  void aConfiguredParserAppliesItsLimits() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventLimits.MAX_ID_LENGTH, 2);
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> EventJson.parser(conf).parse(VALID));
    assertEquals(RejectReason.LIMIT_EXCEEDED, e.reason());
    assertEquals("product_id", e.field(), "p-7 is the first id longer than 2");
  }

  @Test
  void aConfiguredParserWithAnImpossibleLimitNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventLimits.MAX_DEPTH, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventJson.parser(conf));
    assertEquals("reco.events.max-depth must be 2 or more (the event object and its metadata), was 1",
        e.getMessage());
  }

  // Strict JSON

  @Test
  void trailingGarbageIsRejected() {
    assertRejected(VALID + " garbage", RejectReason.MALFORMED_JSON, null);
  }

  @Test
  void trailingWhiteSpaceIsAccepted() throws Exception {
    assertEquals("e1", EventJson.parse(VALID + " \t\r\n").getEventId());
  }

  @Test
  void aSecondObjectOnTheLineIsRejected() {
    InvalidRecordException e = assertRejected(VALID + VALID.replace("e1", "e2"), RejectReason.MALFORMED_JSON, null);
    assertTrue(e.getMessage().contains("one event"), e.getMessage());
  }

  @Test
  void aTopLevelKeyGivenTwiceIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("\"product_id\"", "\"user_id\":43,\"product_id\""),
        RejectReason.DUPLICATE_KEY, "user_id");
    assertTrue(e.getMessage().contains("'user_id'"), e.getMessage());
  }

  @Test
  void aTopLevelKeyGivenTwiceIsRejectedAlsoWhenTheFirstIsNull() {
    assertRejected(VALID.replace("\"price\":19.99", "\"price\":null,\"price\":19.99"), RejectReason.DUPLICATE_KEY,
        "price");
  }

  @Test
  void anUnknownKeyGivenTwiceIsRejected() {
    assertRejected(VALID.replace("\"product_id\"", "\"x\":1,\"x\":2,\"product_id\""), RejectReason.DUPLICATE_KEY,
        "x");
  }

  @Test
  void aMetadataKeyGivenTwiceIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("\"n\":3", "\"n\":3,\"ab\":\"A\""),
        RejectReason.DUPLICATE_KEY, "metadata");
    assertTrue(e.getMessage().contains("'ab'"), e.getMessage());
  }

  @Test
  void aMetadataKeyGivenTwiceIsRejectedAlsoWhenOneIsNull() {
    assertRejected(VALID.replace("\"n\":3", "\"n\":null,\"n\":3"), RejectReason.DUPLICATE_KEY, "metadata");
  }

  // Strict UTF-8

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C3 28", "80", "BF", "C3", "E6 97", "F0 9F 98", "C0 80", "C1 BF", "E0 80 AF",
      "F0 80 80 80", "ED A0 80", "ED BF BF", "ED A0 BD ED B8 80", "F4 90 80 80", "F5 80 80 80", "FF"})
  void invalidUtf8IsRejectedAsAnEncodingError(String hex) {
    byte[] line = withBytesInUserId(bytes(hex));
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventJson.parse(line));
    assertEquals(RejectReason.INVALID_ENCODING, e.reason(), e.getMessage());
  }

  @Test
  void invalidUtf8IsRejectedInASliceOfABuffer() {
    byte[] line = withBytesInUserId(bytes("C0 80"));
    byte[] buffer = new byte[line.length + 10];
    System.arraycopy(line, 0, buffer, 5, line.length);
    InvalidRecordException e = assertThrows(InvalidRecordException.class,
        () -> EventJson.parse(buffer, 5, line.length));
    assertEquals(RejectReason.INVALID_ENCODING, e.reason());
  }

  @Test
  void bytesOutsideTheSliceAreNotJudged() throws Exception {
    byte[] line = VALID.getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[line.length + 2];
    System.arraycopy(line, 0, buffer, 1, line.length);
    buffer[0] = (byte) 0xC0;
    buffer[buffer.length - 1] = (byte) 0xFF;
    assertEquals("e1", EventJson.parse(buffer, 1, line.length).getEventId());
  }

  @Test
  void utf16BytesAreNotTakenForAnEvent() {
    byte[] utf16 = VALID.getBytes(StandardCharsets.UTF_16BE);
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> EventJson.parse(utf16));
    assertEquals(RejectReason.MALFORMED_JSON, e.reason(), "valid UTF-8 (ASCII and NULs), yet no JSON line");
  }

  @Test
  void anEscapeJacksonDoesNotKnowIsNamedWithoutItsCode() {
    InvalidRecordException e = assertRejected("{\"event_id\":\"\\x\"}", RejectReason.MALFORMED_JSON, null);
    assertEquals("not valid JSON: unrecognized character escape 'x'", e.getMessage());
  }

  @Test
  void validMultiByteUtf8IsAccepted() throws Exception {
    String line = VALID.replace("42", "\"é\"").replace("p-7", "日本").replace("\"B\"", "\"😀\"");
    InteractionEvent e = EventJson.parse(line.getBytes(StandardCharsets.UTF_8));
    assertEquals("é", e.getUserId());
    assertEquals("日本", e.getProductId());
    assertEquals("😀", e.getMetadata().get("ab"));
  }

  // Ids

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"00A0", "2003", "3000", "2003 00A0 0020"})
  void anIdOfUnicodeSpacesOnlyIsMissing(String codePoints) {
    StringBuilder id = new StringBuilder();
    for (String cp : codePoints.split(" ")) {
      id.appendCodePoint(Integer.parseInt(cp, 16));
    }
    InvalidRecordException e = assertRejected(VALID.replace("p-7", id.toString()), RejectReason.MISSING_FIELD,
        "product_id");
    assertEquals("required field 'product_id' empty", e.getMessage());
  }

  @Test
  void aBidiOverrideInAnIdIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p-\u202E7"), RejectReason.INVALID_ID,
        "product_id");
    assertTrue(e.getMessage().contains("bidi control character U+202E"), e.getMessage());
  }

  @Test
  void aZeroWidthCharacterInAnIdIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p\u200B-7"), RejectReason.INVALID_ID,
        "product_id");
    assertTrue(e.getMessage().contains("zero-width character U+200B"), e.getMessage());
  }

  @Test
  void aControlCharacterAtTheStartOfAnIdIsRejectedNotTrimmedIntoAnotherId() {
    InvalidRecordException e = assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":\"\\u000142\""),
        RejectReason.INVALID_ID, "user_id");
    assertTrue(e.getMessage().contains("control character U+0001"), e.getMessage());
  }

  @Test
  void aControlCharacterAtTheEndOfAnIdIsRejectedNotTrimmedIntoAnotherId() {
    assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":\"42\\u001f\""), RejectReason.INVALID_ID,
        "user_id");
  }

  @Test
  void aC1ControlCharacterInAnIdIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p-7\u0085"), RejectReason.INVALID_ID,
        "product_id");
    assertTrue(e.getMessage().contains("U+0085"), e.getMessage());
  }

  @Test
  void theReplacementCharacterInAnIdIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p-\uFFFD"), RejectReason.INVALID_ID,
        "product_id");
    assertTrue(e.getMessage().contains("U+FFFD"), e.getMessage());
  }

  @Test
  void anUnpairedSurrogateInAnIdIsRejected() {
    InvalidRecordException e = assertRejected(VALID.replace("p-7", "p-\\ud800"), RejectReason.INVALID_ID,
        "product_id");
    assertTrue(e.getMessage().contains("unpaired surrogate U+D800"), e.getMessage());
  }

  @Test
  void anInvisibleCharacterInAnOrderIdIsRejected() {
    assertRejected(VALID.replace("\"quantity\":2", "\"quantity\":2,\"order_id\":\"o1\u2066\""),
        RejectReason.INVALID_ID, "order_id");
  }

  @Test
  void idsAreNormalisedToNfc() throws Exception {
    InteractionEvent decomposed = EventJson.parse(VALID.replace("p-7", "e\u0301"));
    InteractionEvent composed = EventJson.parse(VALID.replace("p-7", "\u00e9"));
    assertEquals(composed.getProductId(), decomposed.getProductId());
  }

  @Test
  void asciiSpacesAroundAnIdAreTrimmed() throws Exception {
    assertEquals("p-7", EventJson.parse(VALID.replace("p-7", "  p-7 ")).getProductId());
  }

  // Messages users can read

  @Test
  void aPriceTooLargeForADoubleIsNamedByItsText() {
    InvalidRecordException e = assertRejected(VALID.replace("19.99", "1e400"), RejectReason.INVALID_VALUE, "price");
    assertEquals("price 1e400 is not a finite number", e.getMessage());
  }

  @Test
  void aHugeButFinitePriceIsParsedForTheRulesToJudge() throws Exception {
    assertEquals(1e308, EventJson.parse(VALID.replace("19.99", "1e308")).getPrice());
  }

  @Test
  void anExplicitNullInARequiredFieldSaysNull() {
    InvalidRecordException e = assertRejected(VALID.replace("\"user_id\":42", "\"user_id\":null"),
        RejectReason.MISSING_FIELD, "user_id");
    assertEquals("required field 'user_id' is null", e.getMessage());
  }

  @Test
  void nanIsMalformedWithoutJacksonsAdvice() {
    InvalidRecordException e = assertRejected(VALID.replace("19.99", "NaN"), RejectReason.MALFORMED_JSON, null);
    assertEquals("not valid JSON: non-standard token 'NaN'", e.getMessage());
  }

  @Test
  void anUnexpectedCharacterIsNamedWithoutItsCode() {
    InvalidRecordException e = assertRejected("{\"event_id\":\"e\" x}", RejectReason.MALFORMED_JSON, null);
    assertTrue(e.getMessage().startsWith("not valid JSON: unexpected character 'x'"), e.getMessage());
    assertFalse(e.getMessage().contains("code"), e.getMessage());
  }

  @Test
  void aTruncatedLineSaysEndOfInputWithoutTheSourceLocation() {
    InvalidRecordException e = assertRejected("{\"event_id\":\"e\"", RejectReason.MALFORMED_JSON, null);
    assertTrue(e.getMessage().startsWith("not valid JSON: unexpected end of input"), e.getMessage());
    assertFalse(e.getMessage().contains("Source"), e.getMessage());
  }

  /** {@code depth} arrays, one in the other. */
  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static byte[] bytes(String hex) {
    String[] parts = hex.split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }

  /** {@link #VALID} as UTF-8 with {@code raw} in the text of user_id. */
  private static byte[] withBytesInUserId(byte[] raw) {
    String[] halves = VALID.replace("\"user_id\":42", "\"user_id\":\"u|\"").split("\\|");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
    out.writeBytes(raw);
    out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}

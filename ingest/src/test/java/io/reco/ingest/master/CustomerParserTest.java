package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CustomerParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CustomerParser parser =
      new CustomerParser(new EmailHasher(EmailHasherTest.KEY.getBytes(StandardCharsets.UTF_8)));

  private String parse(String json) throws Exception {
    return RecordJson.toJson(parser.parse(JSON.readTree(json)));
  }

  private void assertRejected(String json, RejectReason reason, String field, String message) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> parse(json));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  @Test
  void theAddressBecomesItsKeyedHash() throws Exception {
    String line = parse("{\"customer_id\":\"c1\",\"email\":\" Alice.Smith@Example.com\",\"age_group\":\"25-34\","
        + "\"gender\":\"f\",\"location\":\"Berlin\",\"join_date\":\"2023-01-15\",\"segment\":\"loyal\","
        + "\"preferences\":{\"newsletter\":true}}");
    assertEquals("{\"customer_id\":\"c1\",\"age_group\":\"25-34\",\"gender\":\"f\",\"location\":\"Berlin\","
        + "\"join_date\":1673740800000,\"segment\":\"loyal\",\"preferences\":{\"newsletter\":\"true\"},"
        + "\"email_hash\":\"" + EmailHasherTest.ALICE + "\"}", line);
    assertFalse(line.toLowerCase().contains("alice.smith"), line);
    assertEquals("{\"customer_id\":\"c2\",\"preferences\":{}}", parse("{\"customer_id\":\"c2\",\"email\":\" \"}"));
  }

  @Test
  void anAddressAnywhereElseRejectsTheRow() {
    assertRejected("{\"customer_id\":\"c1\",\"location\":\"frank@example.com\"}", RejectReason.INVALID_VALUE,
        "location", "field 'location' holds an e-mail address; only 'email' may, and it is hashed");
    assertRejected("{\"customer_id\":\"c1\",\"preferences\":{\"contact\":\"frank@example.com\"}}",
        RejectReason.INVALID_VALUE, "preferences",
        "field 'preferences' holds an e-mail address; only 'email' may, and it is hashed");
    assertRejected("{\"customer_id\":\"frank@example.com\"}", RejectReason.INVALID_ID, "customer_id",
        "field 'customer_id' looks like an e-mail address, which must not be an id");
    assertRejected("{\"email\":\"frank@example.com\"}", RejectReason.MISSING_FIELD, "customer_id",
        "required field 'customer_id' missing or empty");
    assertRejected("{\"customer_id\":\"c1\",\"join_date\":\"soon\"}", RejectReason.INVALID_TIMESTAMP, "join_date",
        "field 'join_date' value 'soon' is neither ISO-8601 (2024-03-01T10:15:00Z, 2024-03-01) nor epoch "
            + "milliseconds");
  }
}

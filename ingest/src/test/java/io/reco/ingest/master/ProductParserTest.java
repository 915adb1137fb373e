package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.records.InvalidRecordException;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import org.junit.jupiter.api.Test;

class ProductParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ProductParser parser = new ProductParser();

  private String parse(String json) throws Exception {
    return RecordJson.toJson(parser.parse(JSON.readTree(json)));
  }

  private void assertRejected(String json, RejectReason reason, String field) {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> parse(json));
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
  }

  @Test
  void aJsonRowWithEveryField() throws Exception {
    assertEquals("{\"product_id\":\"p9\",\"name\":\"Tent\",\"category\":\"outdoor\",\"subcategory\":\"camping\","
            + "\"brand\":\"Acme\",\"price\":249.0,\"description\":\"Two persons\",\"attributes\":{\"colour\":\"green\","
            + "\"weight_kg\":\"2.1\"},\"avg_rating\":4.5,\"num_reviews\":12,\"created_at\":1709288100000,"
            + "\"is_active\":false,\"in_stock\":true}",
        parse("{\"product_id\":\"p9\",\"name\":\"Tent\",\"category\":\"outdoor\",\"subcategory\":\"camping\","
            + "\"brand\":\"Acme\",\"price\":249,\"description\":\"Two persons\",\"attributes\":{\"weight_kg\":2.1,"
            + "\"colour\":\"green\"},\"avg_rating\":4.5,\"num_reviews\":12,\"created_at\":\"2024-03-01T10:15:00Z\","
            + "\"is_active\":false,\"unknown\":\"ignored\"}"));
  }

  @Test
  void aMinimalRowGetsTheDefaults() throws Exception {
    assertEquals("{\"product_id\":\"p1\",\"name\":\"N\",\"category\":\"c\",\"price\":0.5,\"attributes\":{},"
            + "\"num_reviews\":0,\"created_at\":1709251200000,\"is_active\":true,\"in_stock\":true}",
        parse("{\"product_id\":\" p1 \",\"name\":\"N\",\"category\":\"c\",\"price\":\".5\",\"brand\":\"\","
            + "\"created_at\":\"2024-03-01\"}"));
  }

  @Test
  void rejectsWhatTheContractCannotHold() {
    String ok = "\"name\":\"N\",\"category\":\"c\",\"price\":1,\"created_at\":1709251200000";
    assertRejected("{" + ok + "}", RejectReason.MISSING_FIELD, "product_id");
    assertRejected("{\"product_id\":\"p1\",\"category\":\"c\",\"price\":1,\"created_at\":1709251200000}",
        RejectReason.MISSING_FIELD, "name");
    assertRejected("{\"product_id\":\"p1\"," + ok.replace("\"price\":1", "\"price\":\"free\"") + "}",
        RejectReason.WRONG_TYPE, "price");
    assertRejected("{\"product_id\":\"p1\"," + ok.replace("1709251200000", "\"last week\"") + "}",
        RejectReason.INVALID_TIMESTAMP, "created_at");
    assertRejected("{\"product_id\":\"p1\",\"avg_rating\":7," + ok + "}", RejectReason.INVALID_VALUE, "avg_rating");
    assertRejected("{\"product_id\":\"p1\",\"num_reviews\":-2," + ok + "}", RejectReason.INVALID_VALUE,
        "num_reviews");
    assertRejected("{\"product_id\":\"p1\",\"in_stock\":\"maybe\"," + ok + "}", RejectReason.WRONG_TYPE,
        "in_stock");
    assertRejected("{\"product_id\":\"p1\",\"attributes\":[\"a\"]," + ok + "}", RejectReason.WRONG_TYPE,
        "attributes");
  }
}

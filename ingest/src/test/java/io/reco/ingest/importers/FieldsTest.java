package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FieldsTest {
  private static final List<String> HEADER = List.of("id", "amount", "note");

  private static Fields row(String... values) throws InvalidRecordException {
    return Fields.of(HEADER, List.of(values));
  }

  private static InvalidRecordException rejected(Executable call) {
    return assertThrows(InvalidRecordException.class, call);
  }

  @Test
  void readsTypedValues() throws Exception {
    Fields f = row(" 42 ", "-1.5e2", "");
    assertEquals("42", f.integerId("id"));
    assertEquals(42L, f.longValue("id"));
    assertEquals(-150.0, f.decimal("amount"));
    assertNull(f.optional("note"));
  }

  @Test
  void namesTheColumnAndTheReason() {
    InvalidRecordException columns = rejected(() -> row("1", "2"));
    assertEquals(RejectReason.WRONG_COLUMN_COUNT, columns.reason());
    assertEquals("expected 3 columns (id,amount,note), found 2", columns.getMessage());

    InvalidRecordException missing = rejected(() -> row("1", "2", " ").required("note"));
    assertEquals(RejectReason.MISSING_FIELD, missing.reason());
    assertEquals("note", missing.field());

    InvalidRecordException control = rejected(() -> row("1", "2", "a\u0001b").id("note"));
    assertEquals(RejectReason.INVALID_ID, control.reason());

    InvalidRecordException notInteger = rejected(() -> row("4x", "2", "").integerId("id"));
    assertEquals(RejectReason.WRONG_TYPE, notInteger.reason());
    assertEquals("field 'id' must be an integer id, was '4x'", notInteger.getMessage());

    InvalidRecordException negative = rejected(() -> row("1", "-0.01", "").nonNegative("amount"));
    assertEquals(RejectReason.INVALID_VALUE, negative.reason());
    assertEquals("field 'amount' must not be negative, was -0.01", negative.getMessage());
  }

  @Test
  void refusesWhatDoubleParseDoubleWouldTake() {
    for (String value : List.of("NaN", "Infinity", "1d", "0x1p3", "1e999", "")) {
      InvalidRecordException e = rejected(() -> row("1", value, "").decimal("amount"));
      assertEquals(value.isEmpty() ? RejectReason.MISSING_FIELD : RejectReason.WRONG_TYPE, e.reason(), value);
    }
  }
}

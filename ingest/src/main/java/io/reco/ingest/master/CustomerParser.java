package io.reco.ingest.master;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.Customer;
import java.util.Map;

/**
 * A customer row as a {@link Customer}: {@code customer_id} required, {@code email} replaced by its keyed hash in
 * {@code email_hash}, {@code join_date} a timestamp, JSON rows may carry {@code preferences} (an object of strings).
 * A row with something shaped like an e-mail address in any other field is rejected, so an address in the wrong
 * column cannot slip into the raw zone.
 */
public final class CustomerParser implements MasterRecordParser {
  private final EmailHasher hasher;

  /** A parser hashing addresses with {@code hasher}. */
  public CustomerParser(EmailHasher hasher) {
    this.hasher = hasher;
  }

  @Override
  public Customer parse(JsonNode row) throws InvalidRecordException {
    String id = FieldValues.id(row, "customer_id");
    if (EmailHasher.looksLikeAddress(id)) {
      throw new InvalidRecordException(RejectReason.INVALID_ID, "customer_id",
          "field 'customer_id' looks like an e-mail address, which must not be an id");
    }
    Customer.Builder customer = Customer.newBuilder()
        .setCustomerId(id)
        .setAgeGroup(freeText(row, "age_group"))
        .setGender(freeText(row, "gender"))
        .setLocation(freeText(row, "location"))
        .setSegment(freeText(row, "segment"))
        .setJoinDate(FieldValues.time(row, "join_date"));
    Map<String, String> preferences = FieldValues.stringMap(row, "preferences");
    for (Map.Entry<String, String> p : preferences.entrySet()) {
      if (EmailHasher.looksLikeAddress(p.getKey()) || EmailHasher.looksLikeAddress(p.getValue())) {
        throw addressIn("preferences");
      }
    }
    customer.setPreferences(preferences);
    String email = FieldValues.text(row, "email");
    customer.setEmailHash(email == null ? null : hasher.hash(email));
    return customer.build();
  }

  private static String freeText(JsonNode row, String field) throws InvalidRecordException {
    String text = FieldValues.text(row, field);
    if (EmailHasher.looksLikeAddress(text)) {
      throw addressIn(field);
    }
    return text;
  }

  private static InvalidRecordException addressIn(String field) {
    return new InvalidRecordException(RejectReason.INVALID_VALUE, field,
        "field '" + field + "' holds an e-mail address; only 'email' may, and it is hashed");
  }
}

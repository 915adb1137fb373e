package io.reco.ingest.master;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.Product;

/**
 * A catalog row as a {@link Product}. Required: {@code product_id}, {@code name}, {@code category}, {@code price}
 * (not negative) and {@code created_at}; {@code is_active} and {@code in_stock} default to true. JSON rows may also
 * carry {@code attributes} (an object of strings), {@code avg_rating} and {@code num_reviews}.
 */
public final class ProductParser implements MasterRecordParser {
  @Override
  public Product parse(JsonNode row) throws InvalidRecordException {
    Double rating = FieldValues.number(row, "avg_rating");
    if (rating != null && (rating < 0 || rating > 5)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "avg_rating",
          "field 'avg_rating' must lie between 0 and 5, was " + rating);
    }
    return Product.newBuilder()
        .setProductId(FieldValues.id(row, "product_id"))
        .setName(FieldValues.required(row, "name"))
        .setCategory(FieldValues.required(row, "category"))
        .setSubcategory(FieldValues.text(row, "subcategory"))
        .setBrand(FieldValues.text(row, "brand"))
        .setPrice(FieldValues.amount(row, "price"))
        .setDescription(FieldValues.text(row, "description"))
        .setAttributes(FieldValues.stringMap(row, "attributes"))
        .setAvgRating(rating == null ? null : rating.floatValue())
        .setNumReviews(FieldValues.count(row, "num_reviews", 0))
        .setCreatedAt(FieldValues.requiredTime(row, "created_at"))
        .setIsActive(FieldValues.flag(row, "is_active", true))
        .setInStock(FieldValues.flag(row, "in_stock", true))
        .build();
  }
}

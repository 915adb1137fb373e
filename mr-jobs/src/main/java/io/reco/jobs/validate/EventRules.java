package io.reco.jobs.validate;

import io.reco.schema.InvalidRecordException;
import io.reco.schema.RejectReason;
import io.reco.schema.avro.InteractionEvent;
import java.time.Instant;

/**
 * The value rules an event must meet beyond its schema: a rating from 1 to 5, a price of 0 or more, a quantity of 1
 * or more, and a timestamp neither before the configured start of history nor in the future (with a tolerance for
 * clock skew).
 *
 * @param earliest the earliest believable event time, epoch ms
 * @param latest the latest believable event time, epoch ms: the run's clock plus the tolerated skew
 */
public record EventRules(long earliest, long latest) {
  /** Throws when {@code event} breaks a rule, naming the field. */
  public void check(InteractionEvent event) throws InvalidRecordException {
    long time = event.getTimestamp();
    if (time < earliest || time > latest) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "timestamp", "timestamp "
          + Instant.ofEpochMilli(time) + " is outside " + Instant.ofEpochMilli(earliest) + " to "
          + Instant.ofEpochMilli(latest));
    }
    Float rating = event.getRating();
    if (rating != null && (rating < 1 || rating > 5)) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "rating", "rating " + rating + " is not 1 to 5");
    }
    Double price = event.getPrice();
    if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "price", "price " + price + " is negative");
    }
    Integer quantity = event.getQuantity();
    if (quantity != null && quantity < 1) {
      throw new InvalidRecordException(RejectReason.INVALID_VALUE, "quantity",
          "quantity " + quantity + " is not 1 or more");
    }
  }
}

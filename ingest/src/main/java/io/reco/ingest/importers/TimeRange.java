package io.reco.ingest.importers;

import io.reco.schema.InvalidRecordException;
import io.reco.schema.RejectReason;
import java.time.Duration;
import java.time.Instant;

/**
 * The event times an import accepts, UTC epoch milliseconds, both ends included. A time outside it is a unit
 * mistake (seconds for milliseconds) or a broken clock, and is rejected rather than filed under 1970 or 2255.
 *
 * @param notBefore the earliest accepted time
 * @param notAfter the latest accepted time
 */
public record TimeRange(long notBefore, long notAfter) {
  /** No dataset we import starts before 1990; MovieLens, the oldest, starts in 1995. */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** From {@link #EARLIEST} to a day after {@code now}, allowing for clocks a little ahead. */
  public static TimeRange until(Instant now) {
    return new TimeRange(EARLIEST.toEpochMilli(), now.plus(Duration.ofDays(1)).toEpochMilli());
  }

  /** {@code millis} if it lies in the range; the error shows the value as delivered. */
  public long check(String field, long millis, String delivered) throws InvalidRecordException {
    if (millis < notBefore || millis > notAfter) {
      throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, field, "field '" + field + "' = '"
          + Fields.shorten(delivered) + "' is " + Instant.ofEpochMilli(millis) + ", outside "
          + Instant.ofEpochMilli(notBefore) + " .. " + Instant.ofEpochMilli(notAfter));
    }
    return millis;
  }
}

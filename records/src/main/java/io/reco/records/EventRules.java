package io.reco.records;

import io.reco.records.avro.InteractionEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.hadoop.conf.Configuration;

/**
 * The one set of value rules an event meets beyond its schema, wherever it enters: the Kafka consumer, the
 * importers and {@code validate} alike. A timestamp is neither before {@value #EARLIEST} nor later than the clock
 * of whoever judges it plus {@value #MAX_FUTURE_MS}; a rating is 0.5 to 5 (half stars, as MovieLens gives them), a
 * price finite, 0 or more and at most {@value #MAX_PRICE}, a quantity 1 or more and at most {@value #MAX_QUANTITY}.
 *
 * @param earliest the earliest believable event time, epoch ms
 * @param maxFutureMs how far ahead of the judge's clock an event time may be (clock skew of its source), ms
 * @param maxPrice the highest believable price
 * @param maxQuantity the highest believable quantity
 */
public record EventRules(long earliest, long maxFutureMs, double maxPrice, int maxQuantity) {
  /** The earliest believable event date, {@code YYYY-MM-DD}. */
  public static final String EARLIEST = "reco.events.earliest";
  /** Tolerated clock skew of event sources, ms. */
  public static final String MAX_FUTURE_MS = "reco.events.max-future-ms";
  /** The lowest rating an event may carry. */
  public static final float MIN_RATING = 0.5f;
  /** The highest rating an event may carry. */
  public static final float MAX_RATING = 5.0f;
  /** The clock of a batch run, epoch ms; unset, the run's own clock. */
  public static final String NOW = "reco.events.now";
  /** The highest believable price. */
  public static final String MAX_PRICE = "reco.events.max-price";
  /** The highest believable quantity. */
  public static final String MAX_QUANTITY = "reco.events.max-quantity";
  private static final double DEFAULT_MAX_PRICE = Settings.getDouble(new Configuration(false), MAX_PRICE);
  private static final int DEFAULT_MAX_QUANTITY = Settings.getInt(new Configuration(false), MAX_QUANTITY);

  /** Checks the bounds; the error names the key of one that makes no sense. */
  public EventRules {
    checkBounds(maxPrice, maxQuantity);
  }

  /** The time rules with the declared price and quantity bounds. */
  public EventRules(long earliest, long maxFutureMs) {
    this(earliest, maxFutureMs, DEFAULT_MAX_PRICE, DEFAULT_MAX_QUANTITY);
  }

  /** The rules as {@code conf} sets them; the error names a setting that makes no sense. */
  public static EventRules from(Configuration conf) {
    String date = Settings.get(conf, EARLIEST);
    LocalDate earliest;
    try {
      earliest = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(EARLIEST + " must be a date YYYY-MM-DD, was '" + date + "'");
    }
    long skew = Settings.getLong(conf, MAX_FUTURE_MS);
    if (skew < 0) {
      throw new IllegalArgumentException(MAX_FUTURE_MS + " must be 0 or more, was " + skew);
    }
    return new EventRules(earliest.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), skew,
        Settings.getDouble(conf, MAX_PRICE), Settings.getInt(conf, MAX_QUANTITY));
  }

  private static void checkBounds(double maxPrice, int maxQuantity) {
    if (!(maxPrice > 0) || Double.isInfinite(maxPrice)) {
      throw new IllegalArgumentException(MAX_PRICE + " must be a number above 0, was " + plain(maxPrice));
    }
    if (maxQuantity < 1) {
      throw new IllegalArgumentException(MAX_QUANTITY + " must be 1 or more, was " + maxQuantity);
    }
  }

  /** {@code 1000000} rather than {@code 1.0E6}. */
  private static String plain(double value) {
    return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : String.valueOf(value);
  }

  /** The rules of a batch run at the clock {@value #NOW} sets, or now. */
  public static Window ofRun(Configuration conf) {
    return from(conf).at(clock(conf));
  }

  /** A batch run's clock: {@value #NOW}, or the current time when it is unset. */
  public static long clock(Configuration conf) {
    return Settings.optionalLong(conf, NOW).orElseGet(System::currentTimeMillis);
  }

  /** The rules as judged by a clock reading {@code now}, epoch ms. */
  public Window at(long now) {
    return new Window(earliest, now + maxFutureMs, maxPrice, maxQuantity);
  }

  /**
   * The rules at one moment: event times from {@code earliest} to {@code latest}, both included.
   *
   * @param earliest the earliest believable event time, epoch ms
   * @param latest the latest believable event time, epoch ms: the judge's clock plus the tolerated skew
   * @param maxPrice the highest believable price
   * @param maxQuantity the highest believable quantity
   */
  public record Window(long earliest, long latest, double maxPrice, int maxQuantity) {
    /** Checks the bounds; the error names the key of one that makes no sense. */
    public Window {
      checkBounds(maxPrice, maxQuantity);
    }

    /** The time window with the declared price and quantity bounds. */
    public Window(long earliest, long latest) {
      this(earliest, latest, DEFAULT_MAX_PRICE, DEFAULT_MAX_QUANTITY);
    }

    /** Throws when {@code event} breaks a rule, naming the field. */
    public void check(InteractionEvent event) throws InvalidRecordException {
      long time = event.getTimestamp();
      if (time < earliest || time > latest) {
        throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, "timestamp", "timestamp "
            + Instant.ofEpochMilli(time) + " is outside " + Instant.ofEpochMilli(earliest) + " to "
            + Instant.ofEpochMilli(latest));
      }
      Float rating = event.getRating();
      if (rating != null && !(rating >= MIN_RATING && rating <= MAX_RATING)) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "rating",
            "rating " + rating + " is not " + MIN_RATING + " to " + MAX_RATING);
      }
      Double price = event.getPrice();
      if (price != null) {
        checkPrice(price);
      }
      Integer quantity = event.getQuantity();
      if (quantity != null && quantity < 1) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "quantity",
            "quantity " + quantity + " is not 1 or more");
      }
      if (quantity != null && quantity > maxQuantity) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "quantity", "quantity " + quantity
            + " is more than " + maxQuantity + ", the most " + MAX_QUANTITY + " allows");
      }
    }

    private void checkPrice(double price) throws InvalidRecordException {
      if (Double.isNaN(price) || Double.isInfinite(price)) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "price",
            "price " + price + " is not a finite number");
      }
      if (price < 0) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "price", "price " + price + " is negative");
      }
      if (price > maxPrice) {
        throw new InvalidRecordException(RejectReason.INVALID_VALUE, "price", "price " + price
            + " is more than " + plain(maxPrice) + ", the most " + MAX_PRICE + " allows");
      }
    }

    /**
     * {@code millis}, read from the source's {@code field} as {@code delivered}, if it lies in the window: a time
     * outside it is a unit mistake (seconds for milliseconds) or a broken clock, never filed under 1970 or 2255.
     */
    public long checkTime(String field, long millis, String delivered) throws InvalidRecordException {
      if (millis < earliest || millis > latest) {
        String shown = delivered.length() > 40 ? delivered.substring(0, 40) + "..." : delivered;
        throw new InvalidRecordException(RejectReason.INVALID_TIMESTAMP, field, "field '" + field + "' = '"
            + shown + "' is " + Instant.ofEpochMilli(millis) + ", outside " + Instant.ofEpochMilli(earliest)
            + " .. " + Instant.ofEpochMilli(latest));
      }
      return millis;
    }
  }
}

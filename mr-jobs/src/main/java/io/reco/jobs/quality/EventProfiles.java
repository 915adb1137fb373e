package io.reco.jobs.quality;

import io.reco.schema.avro.InteractionEvent;
import java.util.List;

/**
 * What a clickstream profile records of each good event: which optional fields it lacks, its UTC date, and its
 * bucket in the key distributions the run watches for drift.
 */
public final class EventProfiles {
  /** The source name of the clickstream in reports. */
  public static final String SOURCE = "clickstream";
  /** The distributions watched for drift. */
  public static final List<String> DISTRIBUTIONS = List.of("event_type", "hour_of_day", "price_band", "device_type");
  /** Every field of the event schema, in schema order, as null rates are reported. */
  public static final List<String> FIELDS = List.of("event_id", "user_id", "product_id", "event_type", "timestamp",
      "session_id", "rating", "price", "quantity", "order_id", "device_type", "page_context", "referrer");
  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;
  private static final double[] PRICE_BANDS = {10, 50, 100, 500};
  private static final String[] PRICE_BAND_NAMES = {"0-10", "10-50", "50-100", "100-500", "500+"};
  private static final String[] HOURS = new String[24];

  static {
    for (int h = 0; h < 24; h++) {
      HOURS[h] = String.format("%02d", h);
    }
  }

  private EventProfiles() {
  }

  /** Records one event that passed validation. */
  public static void observe(RecordProfile profile, InteractionEvent e) {
    long day = Math.floorDiv(e.getTimestamp(), DAY_MS);
    profile.time(e.getTimestamp(), day);
    profile.bucket("event_type", e.getEventType().name());
    profile.bucket("hour_of_day", HOURS[(int) (Math.floorMod(e.getTimestamp(), DAY_MS) / HOUR_MS)]);
    profile.bucket("price_band", priceBand(e.getPrice()));
    profile.bucket("device_type", e.getDeviceType() == null ? "(none)" : e.getDeviceType());
    missingIfNull(profile, "rating", e.getRating());
    missingIfNull(profile, "price", e.getPrice());
    missingIfNull(profile, "quantity", e.getQuantity());
    missingIfNull(profile, "order_id", e.getOrderId());
    missingIfNull(profile, "device_type", e.getDeviceType());
    missingIfNull(profile, "page_context", e.getPageContext());
    missingIfNull(profile, "referrer", e.getReferrer());
  }

  /** The band of a price: {@code none}, {@code 0-10}, {@code 10-50}, {@code 50-100}, {@code 100-500}, {@code 500+}. */
  static String priceBand(Double price) {
    if (price == null) {
      return "none";
    }
    for (int i = 0; i < PRICE_BANDS.length; i++) {
      if (price < PRICE_BANDS[i]) {
        return PRICE_BAND_NAMES[i];
      }
    }
    return PRICE_BAND_NAMES[PRICE_BANDS.length];
  }

  private static void missingIfNull(RecordProfile profile, String field, Object value) {
    if (value == null || (value instanceof CharSequence s && s.length() == 0)) {
      profile.missing(field);
    }
  }
}

package io.reco.jobs.quality;

import io.reco.quality.RunFacts;
import io.reco.quality.SourceProfile;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clickstream profile records of each good event (which optional fields it lacks, its UTC date, its bucket in
 * the key distributions the run watches for drift), counted in arrays on the hot path and handed to a
 * {@link RecordProfile} once per task. Open-ended distributions keep at most {@value #MAX_BUCKETS} buckets; the
 * rest count as {@value #OTHER}.
 */
public final class EventProfiler {
  /** The source name of the clickstream in reports. */
  public static final String SOURCE = "clickstream";
  /** The distributions watched for drift. */
  public static final List<String> DISTRIBUTIONS = List.of(RunFacts.EVENT_TYPES, "hour_of_day", "price_band",
      "device_type");
  /** Every field of the event schema, in schema order, as null rates are reported. */
  public static final List<String> FIELDS = List.of("event_id", "user_id", "product_id", "event_type", "timestamp",
      "session_id", "rating", "price", "quantity", "order_id", "device_type", "page_context", "referrer");
  /** Buckets an open-ended distribution keeps. */
  public static final int MAX_BUCKETS = 50;
  /** The bucket of values past {@link #MAX_BUCKETS}. */
  public static final String OTHER = "(other)";
  private static final String[] OPTIONAL = {"rating", "price", "quantity", "order_id", "device_type", "page_context",
      "referrer"};
  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;
  private static final double[] PRICE_BANDS = {10, 50, 100, 500};
  private static final String[] PRICE_BAND_NAMES = {"0-10", "10-50", "50-100", "100-500", "500+", "none"};
  private static final EventType[] TYPES = EventType.values();

  private final long[] types = new long[TYPES.length];
  private final long[] hours = new long[24];
  private final long[] priceBands = new long[PRICE_BAND_NAMES.length];
  private final long[] missing = new long[OPTIONAL.length];
  private final Map<String, long[]> devices = new HashMap<>();
  private final Map<Long, long[]> days = new HashMap<>();
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;
  /** The last event's day and its counter: consecutive events mostly share their day. */
  private long lastDay = Long.MIN_VALUE;
  private long[] lastDayCount;

  /** The validated clickstream as the report judges it: its name, fields, watched distributions and profile. */
  public static RunFacts.SourceFacts facts(SourceProfile profile) {
    return new RunFacts.SourceFacts(SOURCE, FIELDS, DISTRIBUTIONS, profile);
  }

  /** Records one event that passed validation. */
  public void observe(InteractionEvent e) {
    long time = e.getTimestamp();
    minTime = Math.min(minTime, time);
    maxTime = Math.max(maxTime, time);
    long day = Math.floorDiv(time, DAY_MS);
    if (day != lastDay) {
      lastDay = day;
      lastDayCount = days.computeIfAbsent(day, d -> new long[1]);
    }
    lastDayCount[0]++;
    types[e.getEventType().ordinal()]++;
    hours[(int) (Math.floorMod(time, DAY_MS) / HOUR_MS)]++;
    priceBands[priceBand(e.getPrice())]++;
    String device = e.getDeviceType() == null ? "(none)" : e.getDeviceType();
    long[] count = devices.get(device);
    if (count == null) {
      count = devices.computeIfAbsent(devices.size() < MAX_BUCKETS ? device : OTHER, d -> new long[1]);
    }
    count[0]++;
    missingIfNull(0, e.getRating());
    missingIfNull(1, e.getPrice());
    missingIfNull(2, e.getQuantity());
    missingIfNull(3, e.getOrderId());
    missingIfNull(4, e.getDeviceType());
    missingIfNull(5, e.getPageContext());
    missingIfNull(6, e.getReferrer());
  }

  /** Adds what was observed to {@code profile}. */
  public void addTo(RecordProfile profile) {
    for (int i = 0; i < TYPES.length; i++) {
      profile.count(RunFacts.EVENT_TYPES, TYPES[i].name(), types[i]);
    }
    for (int h = 0; h < hours.length; h++) {
      profile.count("hour_of_day", String.format("%02d", h), hours[h]);
    }
    for (int b = 0; b < priceBands.length; b++) {
      profile.count("price_band", PRICE_BAND_NAMES[b], priceBands[b]);
    }
    devices.forEach((device, n) -> profile.count("device_type", device, n[0]));
    for (int f = 0; f < OPTIONAL.length; f++) {
      profile.missing(OPTIONAL[f], missing[f]);
    }
    days.forEach((day, n) -> profile.day(LocalDate.ofEpochDay(day).toString(), n[0]));
    profile.span(minTime, maxTime);
  }

  /** The index of a price's band in {@code 0-10, 10-50, 50-100, 100-500, 500+, none}. */
  static int priceBand(Double price) {
    if (price == null) {
      return PRICE_BAND_NAMES.length - 1;
    }
    for (int i = 0; i < PRICE_BANDS.length; i++) {
      if (price < PRICE_BANDS[i]) {
        return i;
      }
    }
    return PRICE_BANDS.length;
  }

  private void missingIfNull(int field, Object value) {
    if (value == null) {
      missing[field]++;
    }
  }
}

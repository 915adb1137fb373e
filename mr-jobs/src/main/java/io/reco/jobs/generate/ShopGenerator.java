package io.reco.jobs.generate;

import io.reco.records.RecordJson;
import io.reco.records.Settings;
import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Generates a synthetic shop, deterministically from a seed, streaming with memory bounded by the catalog.
 *
 * <p>Users have two or three favourite categories; a session browses mostly one of them, picking items by
 * long-tailed popularity; views lead to add-to-cart and some carts to a purchase (1-2% of events are purchases);
 * users re-buy a few staple items. Sessions start in time order and last under an hour, so at most two hour
 * partitions are open at once. Writes into the raw zone {@code <root>/raw}, each file with its manifest:
 * {@code clickstream/dt=.../hour=.../events-<seed>.jsonl} and the snapshots
 * {@code master/catalog/snapshot=<last day>/catalog.jsonl} and {@code master/customers/snapshot=<last
 * day>/customers.jsonl}.
 */
public final class ShopGenerator {
  /** The master-data entities whose snapshots are written. */
  static final String CATALOG = "catalog";
  static final String CUSTOMERS = "customers";

  private static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  private static final String[] REFERRERS = {"search", "email", "social", "direct", "ads"};
  private static final double CLICK_RATE = 0.35;
  private static final double CART_RATE = 0.08;
  private static final double REMOVE_RATE = 0.10;
  private static final double CHECKOUT_RATE = 0.30;
  private static final double STAPLE_RATE = 0.02;
  private static final double MEAN_VIEWS = 5;
  private static final int MAX_VIEWS = 25;

  /**
   * What to generate.
   *
   * @param seed the seed; the same settings give the same files, byte for byte
   * @param events about how many events
   * @param start first day of the clickstream
   * @param days number of days the events spread over
   * @param products catalog size; 0 for a size that suits {@code events}
   * @param users number of users; 0 for a number that suits {@code events}
   */
  public record Settings(long seed, long events, LocalDate start, int days, int products, int users) {
    /** Checks the settings and fills in the derived sizes. */
    public Settings resolved() {
      if (events < 1) {
        throw new IllegalArgumentException("events must be at least 1, was " + events);
      }
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1, was " + days);
      }
      int p = products > 0 ? products : (int) Math.max(200, Math.min(1_000_000, events / 40));
      int u = users > 0 ? users : (int) Math.max(100, Math.min(50_000_000, events / 25));
      return new Settings(seed, events, start, days, p, u);
    }
  }

  /** What was written. */
  public record Summary(long events, Map<EventType, Long> byType, long sessions, int products, int users,
      int partitions, Path clickstream) {
    /** Purchases as a share of all events. */
    public double purchaseShare() {
      return (double) byType.getOrDefault(EventType.purchase, 0L) / events;
    }
  }

  private final FileSystem fs;
  private final Path root;
  private final RawZone zone;
  private final Settings settings;
  private final Catalog catalog;
  private final Map<EventType, Long> byType = new EnumMap<>(EventType.class);
  private final TreeMap<Long, RawFileWriter> openHours = new TreeMap<>();
  private final InteractionEvent.Builder event = InteractionEvent.newBuilder();
  private long written;
  private int partitions;

  /** A generator writing under {@code root}. */
  public ShopGenerator(FileSystem fs, Path root, Settings settings) {
    this.fs = fs;
    this.root = root;
    this.zone = new RawZone(new Path(root, "raw"));
    this.settings = settings.resolved();
    this.catalog = new Catalog(this.settings.seed(), this.settings.products(), startMillis());
  }

  /** Writes the catalog, the customers and the clickstream. */
  public Summary generate() throws IOException {
    writeCatalog();
    writeCustomers();
    Random random = new Random(settings.seed());
    // Sessions last under an hour: starting them an hour before the end keeps every event inside the days.
    long span = settings.days() * 86_400_000L - 3_600_000L;
    long s = 0;
    try {
      // Sessions start in time order: the clock advances with the share of events written so far.
      for (; written < settings.events(); s++) {
        long start = startMillis() + (long) ((double) written / settings.events() * span)
            + random.nextInt(60_000);
        closeHoursBefore(start - 3_600_000L);
        session(s, start, random);
      }
      closeHoursBefore(Long.MAX_VALUE);
    } finally {
      for (RawFileWriter open : openHours.values()) {
        open.abort();
      }
    }
    return new Summary(written, new EnumMap<>(byType), s, settings.products(), settings.users(), partitions,
        zone.clickstream());
  }

  private void session(long index, long start, Random random) throws IOException {
    int user = (int) (Math.pow(random.nextDouble(), 1.6) * settings.users());
    Random taste = userRandom(user);
    int[] favourites = {taste.nextInt(catalog.categories()), taste.nextInt(catalog.categories()),
        taste.nextInt(catalog.categories())};
    String device = DEVICES[taste.nextInt(DEVICES.length)];
    String sessionId = "s" + Long.toString(settings.seed(), 36) + "-" + Long.toString(index, 36);
    String userId = userId(user);
    long t = start;
    String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
    if (random.nextDouble() < STAPLE_RATE) {
      int staple = catalog.draw(favourites[0], userRandom(user));
      if (staple >= 0) {
        emit(userId, staple, EventType.view, t, sessionId, device, "product", referrer, null, null, random);
        emit(userId, staple, EventType.add_to_cart, t += 20_000, sessionId, device, "product", null, null, 1,
            random);
        emit(userId, staple, EventType.purchase, t += 60_000, sessionId, device, "checkout", null,
            "o" + sessionId, 1, random);
        return;
      }
    }
    int category = random.nextDouble() < 0.85 ? favourites[random.nextInt(2 + taste.nextInt(2))]
        : random.nextInt(catalog.categories());
    int views = Math.min(MAX_VIEWS, 1 + (int) (-Math.log(1 - random.nextDouble()) * (MEAN_VIEWS - 1)));
    List<Integer> cart = new ArrayList<>();
    for (int v = 0; v < views; v++) {
      if (random.nextDouble() < 0.15) {
        category = favourites[random.nextInt(3)];
      }
      int product = catalog.draw(category, random);
      if (product < 0) {
        continue;
      }
      if (random.nextDouble() < CLICK_RATE) {
        emit(userId, product, EventType.click, t, sessionId, device, v == 0 ? "search" : "category",
            v == 0 ? referrer : null, null, null, random);
        t += 2_000 + random.nextInt(5_000);
      }
      emit(userId, product, EventType.view, t, sessionId, device, "product", null, null, null, random);
      t += 10_000 + random.nextInt(80_000);
      if (random.nextDouble() < CART_RATE) {
        emit(userId, product, EventType.add_to_cart, t, sessionId, device, "product", null, null, 1, random);
        cart.add(product);
        t += 5_000 + random.nextInt(20_000);
      }
    }
    for (Iterator<Integer> it = cart.iterator(); it.hasNext();) {
      int product = it.next();
      if (random.nextDouble() < REMOVE_RATE) {
        emit(userId, product, EventType.remove_from_cart, t += 5_000, sessionId, device, "cart", null, null, 1,
            random);
        it.remove();
      }
    }
    if (!cart.isEmpty() && random.nextDouble() < CHECKOUT_RATE) {
      t += 30_000 + random.nextInt(120_000);
      String order = "o" + sessionId;
      for (int product : cart) {
        emit(userId, product, EventType.purchase, t, sessionId, device, "checkout", null, order,
            1 + (random.nextDouble() < 0.2 ? 1 : 0), random);
      }
    }
  }

  private void emit(String userId, int product, EventType type, long time, String sessionId, String device,
      String page, String referrer, String orderId, Integer quantity, Random random) throws IOException {
    event.setEventId("e" + Long.toString(settings.seed(), 36) + "-" + Long.toString(written, 36))
        .setUserId(userId)
        .setProductId(Catalog.productId(product))
        .setEventType(type)
        .setTimestamp(time)
        .setSessionId(sessionId)
        .setRating(null)
        .setPrice(catalog.price(product))
        .setQuantity(quantity)
        .setOrderId(orderId)
        .setDeviceType(device)
        .setPageContext(page)
        .setReferrer(referrer)
        .setMetadata(Map.of());
    writerFor(time).write(RecordJson.toJson(event.build()), time);
    byType.merge(type, 1L, Long::sum);
    written++;
  }

  private RawFileWriter writerFor(long time) throws IOException {
    long hour = time / 3_600_000L;
    RawFileWriter writer = openHours.get(hour);
    if (writer == null) {
      writer = RawFileWriter.create(fs, new Path(zone.clickstreamHour(time), "events-" + settings.seed() + ".jsonl"));
      openHours.put(hour, writer);
      partitions++;
    }
    return writer;
  }

  private void closeHoursBefore(long time) throws IOException {
    long hour = time == Long.MAX_VALUE ? Long.MAX_VALUE : time / 3_600_000L;
    while (!openHours.isEmpty() && openHours.firstKey() < hour) {
      openHours.firstEntry().getValue().commit("clickstream", source(), Clock.systemUTC());
      openHours.pollFirstEntry();
    }
  }

  private void writeCatalog() throws IOException {
    try (RawFileWriter out = snapshotWriter(CATALOG)) {
      for (int p = 0; p < catalog.size(); p++) {
        out.write(RecordJson.toJson(catalog.product(p)));
      }
      commitSnapshot(CATALOG, out);
    }
  }

  private void writeCustomers() throws IOException {
    String[] ages = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
    String[] segments = {"new", "regular", "loyal", "vip"};
    String[] locations = {"London", "Paris", "Berlin", "Madrid", "Milan", "Warsaw", "Lisbon", "Dublin"};
    try (RawFileWriter out = snapshotWriter(CUSTOMERS)) {
      for (int u = 0; u < settings.users(); u++) {
        Random r = userRandom(u);
        out.write(RecordJson.toJson(Customer.newBuilder()
            .setCustomerId(userId(u))
            .setAgeGroup(ages[r.nextInt(ages.length)])
            .setGender(new String[] {"f", "m", "x"}[r.nextInt(3)])
            .setLocation(locations[r.nextInt(locations.length)])
            .setJoinDate(startMillis() - (long) (r.nextDouble() * 3 * 365 * 86_400_000L))
            .setSegment(segments[r.nextInt(segments.length)])
            .setPreferences(Map.of("newsletter", String.valueOf(r.nextBoolean())))
            .setEmailHash(null)
            .build()));
      }
      commitSnapshot(CUSTOMERS, out);
    }
  }

  private RawFileWriter snapshotWriter(String entity) throws IOException {
    return RawFileWriter.create(fs, new Path(zone.snapshot(entity, lastDay()), entity + ".jsonl"));
  }

  private void commitSnapshot(String entity, RawFileWriter out) throws IOException {
    out.commit(entity, source(), Clock.systemUTC());
    zone.publishLatest(fs, entity, zone.snapshot(entity, lastDay()));
  }

  private LocalDate lastDay() {
    return settings.start().plusDays(settings.days() - 1L);
  }

  private Map<String, Object> source() {
    return Map.of("generator", "reco generate", "seed", settings.seed());
  }

  private Random userRandom(int user) {
    return new Random(settings.seed() * 31 + user * 0x9E3779B97F4A7C15L);
  }

  private long startMillis() {
    return settings.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /** The id of user number {@code user}. */
  static String userId(int user) {
    return "u" + user;
  }
}

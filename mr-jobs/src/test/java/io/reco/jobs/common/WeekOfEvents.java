package io.reco.jobs.common;

import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Product;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A week of a small shop in silver, from a fixed seed: sessions of 60 users over 40 products (30 of them and p99
 * in the catalog, in four categories), some across midnight, priced purchases, ratings, devices; a third of the
 * users are customers.
 */
public final class WeekOfEvents {
  private static final long MIN = 60_000L;

  private WeekOfEvents() {
  }

  /** UTC midnight of {@code date}, epoch ms. */
  public static long midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * Writes {@code days} days of silver events from {@code first} under {@code <dir>/silver/clickstream/dt=.../},
   * and the catalog and customers under {@code <dir>/silver/}.
   */
  public static void write(Path dir, LocalDate first, int days) throws Exception {
    Random random = new Random(42);
    String[] types = {"view", "view", "view", "click", "add_to_cart", "remove_from_cart", "purchase"};
    String[] devices = {"mobile", "desktop", "tablet", null};
    Map<LocalDate, List<InteractionEvent>> byDay = new TreeMap<>();
    int id = 0;
    for (int u = 0; u < 60; u++) {
      for (int d = 0; d < days; d++) {
        if (random.nextInt(3) == 0) {
          continue;
        }
        // a quarter of the sessions start in the day's last half hour and may run past midnight
        long time = midnight(first.plusDays(d)) + (random.nextInt(4) == 0 ? (23 * 60 + 30 + random.nextInt(30)) * MIN
            : random.nextInt(22 * 60) * MIN);
        int events = 1 + random.nextInt(8);
        for (int e = 0; e < events; e++) {
          String product = "p" + random.nextInt(40);
          InteractionEvent event = InteractionEvent.newBuilder().setEventId("e" + id++).setUserId("u" + u)
              .setProductId(product).setEventType(EventType.valueOf(types[random.nextInt(types.length)]))
              .setTimestamp(time).setSessionId("s").setDeviceType(devices[random.nextInt(devices.length)])
              .setReferrer(random.nextBoolean() ? "search" : "email").build();
          if (random.nextBoolean()) {
            event.setPrice(5 + random.nextInt(9000) / 100.0);
            event.setQuantity(random.nextBoolean() ? null : 1 + random.nextInt(3));
          }
          if (random.nextInt(5) == 0) {
            event.setRating(1f + random.nextInt(5));
          }
          LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(time, 86_400_000L));
          if (date.isBefore(first.plusDays(days))) {
            byDay.computeIfAbsent(date, k -> new ArrayList<>()).add(event);
          }
          time += (random.nextInt(10) == 0 ? 31 + random.nextInt(60) : 1 + random.nextInt(20)) * MIN;
        }
      }
    }
    for (Map.Entry<LocalDate, List<InteractionEvent>> day : byDay.entrySet()) {
      List<InteractionEvent> events = new ArrayList<>(day.getValue());
      java.util.Collections.shuffle(events, random);
      SilverFixtures.write(dir.resolve("silver/clickstream/dt=" + day.getKey() + "/part-r-00000.avro"), events);
    }
    List<Product> catalog = new ArrayList<>();
    for (int p = 0; p < 30; p++) { // p30-p39 are not in the catalog
      catalog.add(Product.newBuilder().setProductId("p" + p).setName("product " + p).setCategory("c" + p % 4)
          .setPrice(10 + p * 3 % 17).setCreatedAt(midnight(first) - p * 86_400_000L).build());
    }
    catalog.add(Product.newBuilder().setProductId("p99").setName("never seen").setCategory("c1").setPrice(12)
        .setCreatedAt(midnight(first)).build());
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/catalog.avro"), catalog);
    List<Customer> customers = new ArrayList<>();
    for (int u = 0; u < 60; u += 3) {
      customers.add(Customer.newBuilder().setCustomerId("u" + u).setAgeGroup("25-34").setSegment("s" + u % 2)
          .setJoinDate(midnight(first) - u * 86_400_000L).build());
    }
    SilverFixtures.writeRecords(dir.resolve("silver/customers/customers.avro"), customers);
  }

}

package io.reco.jobs.features;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.schema.avro.ItemFeatures;
import java.util.HashSet;
import java.util.Set;

/** One item's features, fed the item's events in any order. Knows nothing of MapReduce. */
final class ItemFeaturesBuilder {
  private static final double DAY_MS = 86_400_000.0;

  private final long asOf;
  private final long[] byType = new long[EventType.values().length];
  private final Set<String> users = new HashSet<>();
  private long firstSeen;
  private long lastPurchase;
  private long recentViews;
  private double ratingSum;
  private long rated;
  private double priceSum;
  private long priced;
  private boolean empty;

  ItemFeaturesBuilder(long asOf) {
    this.asOf = asOf;
    item();
  }

  /** Starts a new item. */
  void item() {
    java.util.Arrays.fill(byType, 0);
    users.clear();
    firstSeen = Long.MAX_VALUE;
    lastPurchase = Long.MIN_VALUE;
    recentViews = 0;
    ratingSum = 0;
    rated = 0;
    priceSum = 0;
    priced = 0;
    empty = true;
  }

  /** One of the item's events. */
  void add(InteractionEvent e) {
    empty = false;
    long time = e.getTimestamp();
    byType[e.getEventType().ordinal()]++;
    users.add(e.getUserId());
    firstSeen = Math.min(firstSeen, time);
    if (e.getEventType() == EventType.purchase) {
      lastPurchase = Math.max(lastPurchase, time);
    }
    if (e.getEventType() == EventType.view && time > asOf - DAY_MS && time <= asOf) {
      recentViews++;
    }
    if (e.getRating() != null) {
      ratingSum += e.getRating();
      rated++;
    }
    if (e.getPrice() != null) {
      priceSum += e.getPrice();
      priced++;
    }
  }

  /** The features of the item fed so far. */
  ItemFeatures build() {
    if (empty) {
      throw new IllegalStateException("an item without events has no features");
    }
    long views = byType[EventType.view.ordinal()];
    long purchases = byType[EventType.purchase.ordinal()];
    double days = Math.max(DAY_MS, asOf - firstSeen) / DAY_MS;
    double dailyViews = views / days;
    boolean bought = lastPurchase != Long.MIN_VALUE;
    return ItemFeatures.newBuilder().setAsOf(asOf).setViews(views).setClicks(byType[EventType.click.ordinal()])
        .setAddToCarts(byType[EventType.add_to_cart.ordinal()]).setPurchases(purchases).setUsers(users.size())
        .setFirstSeen(firstSeen).setLastPurchase(bought ? lastPurchase : null).setPopularity(dailyViews)
        .setConversionRate((purchases + 1.0) / (views + 2.0))
        .setAvgRating(rated == 0 ? null : ratingSum / rated).setAvgPrice(priced == 0 ? null : priceSum / priced)
        .setRecencyScore(bought ? 1 / (Math.max(0, asOf - lastPurchase) / DAY_MS + 1) : 0)
        .setTrendingScore(views == 0 ? 0 : recentViews / dailyViews).build();
  }
}

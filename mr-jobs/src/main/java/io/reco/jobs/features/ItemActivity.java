package io.reco.jobs.features;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.ItemState;
import io.reco.records.avro.Product;
import io.reco.records.avro.ProductMetadata;
import io.reco.records.avro.TrainingExample;
import io.reco.schema.avro.ItemFeatures;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * One item's activity: fed the previous run's state (if any) and the item's new events in time order, it keeps the
 * mergeable state ({@link ItemState}: sums, counts, min/max, a HyperLogLog sketch of the users, views per recent
 * day) and derives the item's own features from it and the catalog. Events are added in time order so that sums
 * of prices come out bit for bit the same in one run or a chain of runs. Knows nothing of MapReduce.
 */
public final class ItemActivity {
  /** The sketch's size: 2^12 registers, about 1.6% error past the exact range (thousands). */
  static final int LG_K = 12;
  private static final double DAY_MS = 86_400_000.0;

  private final int recentDays;
  private ItemState state;
  private HllSketch users;

  /** @param recentDays how many days of daily views the state keeps */
  public ItemActivity(int recentDays) {
    if (recentDays < 1) {
      throw new IllegalArgumentException("the state keeps at least one day of views, was " + recentDays);
    }
    this.recentDays = recentDays;
  }

  /** Starts an item: from {@code previous} (copied), or from nothing when null. */
  public void start(String itemId, ItemState previous) {
    if (previous == null) {
      state = ItemState.newBuilder().setItemId(itemId).setAsOf(Long.MIN_VALUE).setFirstEvent(Long.MAX_VALUE)
          .setViews(0).setClicks(0).setAddToCarts(0).setRemovesFromCart(0).setPurchases(0)
          .setUsersSketch(ByteBuffer.allocate(0)).setRatingSum(0).setRatings(0).setPriceSum(0).setPriced(0)
          .setDailyViews(new HashMap<>()).build();
      users = new HllSketch(LG_K, TgtHllType.HLL_4);
    } else {
      state = ItemState.newBuilder(previous).build();
      ByteBuffer sketch = state.getUsersSketch();
      byte[] bytes = new byte[sketch.remaining()];
      sketch.duplicate().get(bytes);
      users = HllSketch.heapify(bytes);
    }
  }

  /** Whether the item has any event, from the previous state or since. */
  boolean hasEvents() {
    return state.getFirstEvent() != Long.MAX_VALUE;
  }

  /** The item's next event. */
  public void add(InteractionEvent e) {
    long time = e.getTimestamp();
    state.setFirstEvent(Math.min(state.getFirstEvent(), time));
    users.update(e.getUserId());
    switch (e.getEventType()) {
      case view -> {
        state.setViews(state.getViews() + 1);
        state.getDailyViews().merge(LocalDate.ofEpochDay(Math.floorDiv(time, (long) DAY_MS)).toString(), 1L,
            Long::sum);
      }
      case click -> state.setClicks(state.getClicks() + 1);
      case add_to_cart -> state.setAddToCarts(state.getAddToCarts() + 1);
      case remove_from_cart -> state.setRemovesFromCart(state.getRemovesFromCart() + 1);
      case purchase -> {
        state.setPurchases(state.getPurchases() + 1);
        Long last = state.getLastPurchase();
        state.setLastPurchase(last == null ? time : Math.max(last, time));
      }
    }
    if (e.getRating() != null) {
      state.setRatingSum(state.getRatingSum() + e.getRating());
      state.setRatings(state.getRatings() + 1);
    }
    if (e.getPrice() != null) {
      state.setPriceSum(state.getPriceSum() + e.getPrice());
      state.setPriced(state.getPriced() + 1);
    }
  }

  /** The state to keep as of {@code asOf}: the daily views of its last {@code recentDays} days only. */
  ItemState state(long asOf) {
    if (!hasEvents()) {
      throw new IllegalStateException("an item without events has no state");
    }
    LocalDate last = lastDay(asOf);
    Map<String, Long> kept = new HashMap<>();
    state.getDailyViews().forEach((day, views) -> {
      LocalDate d = LocalDate.parse(day);
      if (!d.isAfter(last) && d.isAfter(last.minusDays(recentDays))) {
        kept.put(day, views);
      }
    });
    state.setDailyViews(kept);
    state.setUsersSketch(ByteBuffer.wrap(users.toCompactByteArray()));
    state.setAsOf(asOf);
    return state;
  }

  /**
   * The item's own features as of {@code asOf}, joined with its catalog entry and metadata (either may be null);
   * the category-wide ones ({@code price_percentile}, {@code category_popularity}) are left to
   * {@link CategoryFeatures}.
   */
  ItemFeatures features(long asOf, Product product, ProductMetadata metadata) {
    return features(asOf, product, metadata, true);
  }

  private ItemFeatures features(long asOf, Product product, ProductMetadata metadata, boolean countUsers) {
    ItemState s = state;
    boolean events = hasEvents();
    Long since = product != null ? Long.valueOf(product.getCreatedAt()) : events ? s.getFirstEvent() : null;
    double days = since == null ? 1 : Math.max(DAY_MS, asOf - since) / DAY_MS;
    double popularity = s.getViews() / days;
    Long lastPurchase = s.getLastPurchase();
    long recent = s.getDailyViews().getOrDefault(lastDay(asOf).toString(), 0L);
    Double rating = s.getRatings() > 0 ? Double.valueOf(s.getRatingSum() / s.getRatings())
        : product != null && product.getAvgRating() != null ? Double.valueOf(product.getAvgRating()) : null;
    ItemFeatures.Builder f = ItemFeatures.newBuilder().setItemId(s.getItemId()).setAsOf(asOf)
        .setViews(s.getViews()).setClicks(s.getClicks()).setAddToCarts(s.getAddToCarts())
        .setPurchases(s.getPurchases()).setUsers(events && countUsers ? distinctUsers() : 0)
        .setFirstSeen(events ? s.getFirstEvent() : null).setLastPurchase(lastPurchase).setPopularity(popularity)
        .setConversionRate((s.getPurchases() + 1.0) / (s.getViews() + 2.0)).setAvgRating(rating)
        .setAvgPrice(s.getPriced() == 0 ? null : s.getPriceSum() / s.getPriced())
        .setRecencyScore(lastPurchase == null ? 0 : 1 / (Math.max(0, asOf - lastPurchase) / DAY_MS + 1))
        .setTrendingScore(s.getViews() == 0 ? 0 : recent / popularity);
    if (product != null) {
      f.setCategory(product.getCategory()).setSubcategory(product.getSubcategory()).setBrand(product.getBrand())
          .setPrice(product.getPrice()).setCreatedAt(product.getCreatedAt()).setIsActive(product.getIsActive())
          .setInStock(product.getInStock()).setNumReviews(product.getNumReviews());
    }
    if (metadata != null) {
      f.setExtPopularity(metadata.getPopularity()).setExtSentiment(metadata.getSentiment())
          .setExtTrend(metadata.getTrend());
    }
    return f.build();
  }

  /** {@code example} with the item's features as of its time, from the item's events before it (not yet added). */
  public TrainingExample complete(TrainingExample example) {
    ItemFeatures f = features(example.getTimestamp(), null, null, false);
    example.setItemViews(f.getViews());
    example.setItemPurchases(f.getPurchases());
    example.setItemConversionRate(f.getConversionRate());
    example.setItemPopularity(f.getPopularity());
    example.setItemTrendingScore(f.getTrendingScore());
    example.setItemRecencyScore(f.getRecencyScore());
    return example;
  }

  /** The sketch's estimate, read the same way whether it was built in one run or merged from many. */
  private long distinctUsers() {
    Union union = new Union(LG_K);
    union.update(users);
    return Math.round(union.getResult(TgtHllType.HLL_4).getCompositeEstimate());
  }

  /** The last UTC date before {@code asOf}: a run as of midnight ends on the day before it. */
  static LocalDate lastDay(long asOf) {
    return LocalDate.ofInstant(java.time.Instant.ofEpochMilli(asOf - 1), ZoneOffset.UTC);
  }
}

package io.reco.ingest.importers;

import io.reco.records.avro.Product;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what a dataset tells about its products, row by row and in any order, and turns it into canonical
 * {@link Product} records. Each field keeps its latest value by the time the dataset gives for it (on equal times
 * the row read last wins), so a price change or a recategorised item ends up current; {@code created_at} is the
 * earliest time the product shows up. Fields the dataset never gives get documented defaults: name
 * "{@code <noun> <id>}", category {@value #UNKNOWN}, price 0.0 (no price known), in stock.
 */
public final class CatalogBuilder {
  /** The category of products the dataset does not categorise. */
  public static final String UNKNOWN = "unknown";

  /** The time of facts the dataset gives without one (MovieLens' movies file): older than anything timed. */
  public static final long UNTIMED = Long.MIN_VALUE;

  private final String noun;
  private final Map<String, Entry> entries = new HashMap<>();

  /** A catalog whose unnamed products are called "{@code <noun> <id>}". */
  public CatalogBuilder(String noun) {
    this.noun = noun;
  }

  /** A value and the time it was true. */
  private static final class Timed<T> {
    private T value;
    private long time = Long.MIN_VALUE;
    private boolean set;

    void offer(long at, T candidate) {
      if (!set || at >= time) {
        value = candidate;
        time = at;
        set = true;
      }
    }
  }

  private static final class Entry {
    private long createdAt = Long.MAX_VALUE;
    private final Timed<String> name = new Timed<>();
    private final Timed<String[]> category = new Timed<>();
    private final Timed<String> brand = new Timed<>();
    private final Timed<Double> price = new Timed<>();
    private final Timed<Boolean> inStock = new Timed<>();
    private final Map<String, Timed<String>> attributes = new HashMap<>();
    private double ratingSum;
    private int ratings;
  }

  private Entry entry(String productId, long time) {
    Entry entry = entries.computeIfAbsent(productId, id -> new Entry());
    if (time != UNTIMED) {
      entry.createdAt = Math.min(entry.createdAt, time);
    }
    return entry;
  }

  /** The product exists at {@code time}. */
  public void seen(String productId, long time) {
    entry(productId, time);
  }

  /** The product's display name. */
  public void name(String productId, long time, String name) {
    entry(productId, time).name.offer(time, name);
  }

  /** The product's category and, where the dataset has a hierarchy, the rest of its path (or null). */
  public void category(String productId, long time, String category, String subcategory) {
    entry(productId, time).category.offer(time, new String[] {category, subcategory});
  }

  /** The product's brand. */
  public void brand(String productId, long time, String brand) {
    entry(productId, time).brand.offer(time, brand);
  }

  /** The product's unit price; zero (a free line, or no price known) never replaces a price. */
  public void price(String productId, long time, double price) {
    Entry entry = entry(productId, time);
    if (price > 0) {
      entry.price.offer(time, price);
    }
  }

  /** Whether the product can be bought. */
  public void inStock(String productId, long time, boolean inStock) {
    entry(productId, time).inStock.offer(time, inStock);
  }

  /** A source attribute kept as is (the dataset's own category id, genres...). */
  public void attribute(String productId, long time, String key, String value) {
    entry(productId, time).attributes.computeIfAbsent(key, k -> new Timed<>()).offer(time, value);
  }

  /** One rating of the product, counted into {@code avg_rating} and {@code num_reviews}. */
  public void rating(String productId, long time, float rating) {
    Entry entry = entry(productId, time);
    entry.ratingSum += rating;
    entry.ratings++;
  }

  /** Whether the catalog knows {@code productId}. */
  public boolean contains(String productId) {
    return entries.containsKey(productId);
  }

  /** Products known so far. */
  public int size() {
    return entries.size();
  }

  /** The earliest time any product shows up, or {@code fallback} when none has a time. */
  public long earliest(long fallback) {
    return entries.values().stream().mapToLong(e -> e.createdAt).filter(t -> t != Long.MAX_VALUE).min()
        .orElse(fallback);
  }

  /**
   * The catalog, ordered by product id.
   *
   * @param defaultCreatedAt {@code created_at} of products the dataset shows no time for
   */
  public List<Product> products(long defaultCreatedAt) {
    List<Product> products = new ArrayList<>(entries.size());
    new TreeMap<>(entries).forEach((id, e) -> {
      Map<String, String> attributes = new TreeMap<>();
      e.attributes.forEach((k, v) -> attributes.put(k, v.value));
      Product.Builder product = Product.newBuilder()
          .setProductId(id)
          .setName(e.name.set ? e.name.value : noun + " " + id)
          .setCategory(e.category.set ? e.category.value[0] : UNKNOWN)
          .setSubcategory(e.category.set ? e.category.value[1] : null)
          .setBrand(e.brand.set ? e.brand.value : null)
          .setPrice(e.price.set ? e.price.value : 0.0)
          .setAttributes(attributes)
          .setCreatedAt(e.createdAt == Long.MAX_VALUE ? defaultCreatedAt : e.createdAt)
          .setInStock(!e.inStock.set || e.inStock.value);
      if (e.ratings > 0) {
        product.setAvgRating((float) (e.ratingSum / e.ratings)).setNumReviews(e.ratings);
      }
      products.add(product.build());
    });
    return products;
  }
}

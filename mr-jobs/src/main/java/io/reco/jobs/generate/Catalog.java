package io.reco.jobs.generate;

import io.reco.records.avro.Product;
import java.util.Map;
import java.util.Random;

/**
 * The synthetic catalog: products spread over categories of different sizes, each category's items with
 * long-tailed (Zipf) popularity. Holds one cumulative weight array per category, so memory grows with the
 * catalog, never with the number of events.
 */
final class Catalog {
  static final String[] CATEGORIES = {"electronics", "books", "home", "garden", "toys", "sports", "beauty",
      "fashion", "grocery", "automotive", "music", "pets"};
  private static final String[] SUBCATEGORIES = {"essentials", "premium", "accessories", "bundles"};
  private static final double ZIPF_EXPONENT = 1.1;

  private final int products;
  private final int[][] byCategory;
  private final double[][] cumulative;
  private final int[] categoryOf;
  private final double[] price;
  private final long createdBefore;

  Catalog(long seed, int products, long createdBefore) {
    this.products = products;
    this.createdBefore = createdBefore;
    Random random = new Random(seed ^ 0x5DEECE66DL);
    categoryOf = new int[products];
    price = new double[products];
    int[] counts = new int[CATEGORIES.length];
    double[] share = new double[CATEGORIES.length];
    double total = 0;
    for (int c = 0; c < share.length; c++) {
      share[c] = 0.5 + random.nextDouble();
      total += share[c];
    }
    for (int p = 0; p < products; p++) {
      double x = random.nextDouble() * total;
      int c = 0;
      while (c < share.length - 1 && x >= share[c]) {
        x -= share[c];
        c++;
      }
      categoryOf[p] = c;
      counts[c]++;
      price[p] = Math.round(Math.exp(1.5 + random.nextGaussian() * 0.9 + c % 4 * 0.5) * 100) / 100.0 + 0.99;
    }
    byCategory = new int[CATEGORIES.length][];
    cumulative = new double[CATEGORIES.length][];
    int[] fill = new int[CATEGORIES.length];
    for (int c = 0; c < CATEGORIES.length; c++) {
      byCategory[c] = new int[counts[c]];
      cumulative[c] = new double[counts[c]];
    }
    for (int p = 0; p < products; p++) {
      int c = categoryOf[p];
      byCategory[c][fill[c]++] = p;
    }
    for (int c = 0; c < CATEGORIES.length; c++) {
      double sum = 0;
      for (int r = 0; r < counts[c]; r++) {
        sum += 1.0 / Math.pow(r + 1, ZIPF_EXPONENT);
        cumulative[c][r] = sum;
      }
    }
  }

  int size() {
    return products;
  }

  int categories() {
    return CATEGORIES.length;
  }

  /** A product of category {@code c}, drawn by popularity; -1 if the category is empty. */
  int draw(int c, Random random) {
    double[] cum = cumulative[c];
    if (cum.length == 0) {
      return -1;
    }
    double x = random.nextDouble() * cum[cum.length - 1];
    int i = java.util.Arrays.binarySearch(cum, x);
    return byCategory[c][i >= 0 ? i : Math.min(-i - 1, cum.length - 1)];
  }

  int categoryOf(int product) {
    return categoryOf[product];
  }

  double price(int product) {
    return price[product];
  }

  static String productId(int product) {
    return String.valueOf(100_000 + product);
  }

  /** The catalog record of one product; a few are inactive or out of stock, as in any shop. */
  Product product(int p) {
    Random random = new Random(p * 0x9E3779B97F4A7C15L);
    int c = categoryOf[p];
    String brand = "brand-" + (char) ('a' + c) + (random.nextInt(8) + 1);
    return Product.newBuilder()
        .setProductId(productId(p))
        .setName(CATEGORIES[c] + " item " + p)
        .setCategory(CATEGORIES[c])
        .setSubcategory(SUBCATEGORIES[random.nextInt(SUBCATEGORIES.length)])
        .setBrand(brand)
        .setPrice(price[p])
        .setDescription("A " + SUBCATEGORIES[random.nextInt(SUBCATEGORIES.length)] + " " + CATEGORIES[c]
            + " product by " + brand + ".")
        .setAttributes(Map.of("color", new String[] {"black", "white", "red", "blue", "green"}[random.nextInt(5)]))
        .setAvgRating((float) Math.round((3 + random.nextDouble() * 2) * 10) / 10f)
        .setNumReviews(random.nextInt(500))
        .setCreatedAt(createdBefore - (long) (random.nextDouble() * 365 * 86_400_000L))
        .setIsActive(random.nextDouble() >= 0.02)
        .setInStock(random.nextDouble() >= 0.05)
        .build();
  }
}

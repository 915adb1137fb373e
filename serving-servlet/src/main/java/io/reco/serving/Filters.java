package io.reco.serving;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request's filters: {@code category}, {@code brand}, {@code price_min}, {@code price_max} (an item of unknown
 * category, brand or price passes none of these), {@code in_stock=true} (only items the catalog has in stock, even
 * where the rules let out-of-stock items through), and diversity: {@code max_per_category}, at most that many
 * items of one category in the answer.
 */
record Filters(String category, String brand, Double priceMin, Double priceMax, boolean inStock,
    int maxPerCategory) {

  /** The request's filters, each read by {@code parameter} (the query's, else a POST body's); 400 when malformed. */
  static Filters of(Function<String, Optional<String>> parameter) {
    String category = parameter.apply("category").map(c -> Call.checkText("category", c)).orElse(null);
    String brand = parameter.apply("brand").map(b -> Call.checkText("brand", b)).orElse(null);
    Double min = price(parameter, "price_min");
    Double max = price(parameter, "price_max");
    if (min != null && max != null && min > max) {
      throw new ApiException(400, "price_min (" + min + ") is above price_max (" + max + ")");
    }
    boolean inStock = parameter.apply("in_stock").map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ApiException(400, "in_stock is true or false, was '" + v + "'");
    }).orElse(false);
    int perCategory = parameter.apply("max_per_category").map(v -> {
      try {
        int n = Integer.parseInt(v.strip());
        if (n >= 1 && n <= Call.MAX_K) {
          return n;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new ApiException(400, "max_per_category is a whole number from 1 to " + Call.MAX_K + ", was '" + v
          + "'");
    }).orElse(Integer.MAX_VALUE);
    return new Filters(category, brand, min, max, inStock, perCategory);
  }

  private static Double price(Function<String, Optional<String>> parameter, String name) {
    return parameter.apply(name).map(v -> {
      try {
        double price = Double.parseDouble(v.strip());
        if (price >= 0 && Double.isFinite(price)) {
          return price;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new ApiException(400, name + " is a price, a number of 0 or more, was '" + v + "'");
    }).orElse(null);
  }

  /** Whether an item of these facts (null: the model has none) passes the filters other than diversity. */
  boolean accepts(ItemFacts facts) {
    if (facts == null) {
      return category == null && brand == null && priceMin == null && priceMax == null;
    }
    return (category == null || category.equals(facts.category()))
        && (brand == null || brand.equals(facts.brand()))
        && (priceMin == null || facts.price() != null && facts.price() >= priceMin)
        && (priceMax == null || facts.price() != null && facts.price() <= priceMax)
        && (!inStock || facts.inStock());
  }
}

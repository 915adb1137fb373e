package io.reco.jobs.content;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A product's content as a vector: the TF-IDF weights of the tokens of its name, description and attribute values
 * ({@code (1 + ln tf) * ln(N / df)}) scaled to length 1, beside its category, its subcategory (within the category)
 * and its brand as features of weight {@code reco.content.category-weight} (category and subcategory) and
 * {@code reco.content.brand-weight}; the whole is divided by its length, so that the cosine of two products is
 * {@link #cosine}. The text part's dot products come from the inverted index; the facets' are computed here, exactly.
 *
 * @param text the token weights, of length 1 (empty for a product without a token that says anything)
 * @param category the category
 * @param subcategory the subcategory, or null
 * @param brand the brand, or null
 */
public record ContentVector(Map<String, Double> text, String category, String subcategory, String brand) {
  /** The tokens and their counts in {@code name}, {@code description} and the {@code attributes}' values. */
  public static Map<String, Integer> terms(String name, String description, Map<String, String> attributes) {
    Map<String, Integer> tf = new HashMap<>();
    Tokenizer.tokens(name).forEach(t -> tf.merge(t, 1, Integer::sum));
    Tokenizer.tokens(description).forEach(t -> tf.merge(t, 1, Integer::sum));
    if (attributes != null) {
      attributes.values().forEach(v -> Tokenizer.tokens(v).forEach(t -> tf.merge(t, 1, Integer::sum)));
    }
    return tf;
  }

  /**
   * The vector of a product of {@code tf} and its facets, among {@code products} whose token document frequencies
   * {@code df} gives (a token it does not know counts as in one product).
   */
  public static ContentVector of(Map<String, Integer> tf, ToLongFunction<String> df, long products, String category,
      String subcategory, String brand) {
    Map<String, Double> weights = new HashMap<>();
    double length = 0;
    for (Map.Entry<String, Integer> term : tf.entrySet()) {
      long n = Math.max(1, df.applyAsLong(term.getKey()));
      double w = (1 + Math.log(term.getValue())) * Math.log((double) products / n);
      if (w > 0) {
        weights.put(term.getKey(), w);
        length += w * w;
      }
    }
    double norm = Math.sqrt(length);
    weights.replaceAll((t, w) -> w / norm);
    return new ContentVector(weights, category, blankToNull(subcategory), blankToNull(brand));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The length of the whole vector, facets included. */
  public double length(double categoryWeight, double brandWeight) {
    double squares = (text.isEmpty() ? 0 : 1) + categoryWeight * categoryWeight
        + (subcategory == null ? 0 : categoryWeight * categoryWeight) + (brand == null ? 0 : brandWeight * brandWeight);
    return Math.sqrt(squares);
  }

  /** The cosine of this product and {@code other}, given the dot product of their text parts. */
  public double cosine(ContentVector other, double textDot, double categoryWeight, double brandWeight) {
    double c2 = categoryWeight * categoryWeight;
    double dot = textDot;
    boolean sameCategory = Objects.equals(category, other.category);
    if (sameCategory) {
      dot += c2;
    }
    if (sameCategory && subcategory != null && subcategory.equals(other.subcategory)) {
      dot += c2;
    }
    if (brand != null && brand.equals(other.brand)) {
      dot += brandWeight * brandWeight;
    }
    double lengths = length(categoryWeight, brandWeight) * other.length(categoryWeight, brandWeight);
    return lengths == 0 ? 0 : dot / lengths;
  }

  /** The dot product of the text parts of two products: what the inverted index adds up, token by token. */
  public double textDot(ContentVector other) {
    double dot = 0;
    for (Map.Entry<String, Double> t : text.entrySet()) {
      dot += t.getValue() * other.text.getOrDefault(t.getKey(), 0.0);
    }
    return dot;
  }
}

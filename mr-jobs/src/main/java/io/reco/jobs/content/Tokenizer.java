package io.reco.jobs.content;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a product's text: NFKC-normalised, lower-cased, split on anything that is not a letter or a digit;
 * words of one character and common English stop words are left out, as they say nothing about the product.
 */
public final class Tokenizer {
  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
      "has", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "with");

  private Tokenizer() {
  }

  /** The tokens of {@code text} in order, repeats kept; none for null. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    for (String token : SPLIT.split(normal)) {
      if (token.length() > 1 && !STOP_WORDS.contains(token)) {
        out.add(token);
      }
    }
    return out;
  }
}

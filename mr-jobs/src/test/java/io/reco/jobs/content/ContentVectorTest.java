package io.reco.jobs.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentVectorTest {
  private static final double W = 0.5;

  private static ContentVector vector(Map<String, Integer> tf, String category, String sub, String brand) {
    Map<String, Long> df = Map.of("trail", 2L, "shoe", 10L, "boot", 3L, "red", 5L);
    return ContentVector.of(tf, t -> df.getOrDefault(t, 1L), 10, category, sub, brand);
  }

  @Test
  void termsCountTheNameTheDescriptionAndTheAttributeValues() {
    assertEquals(Map.of("trail", 2, "shoe", 1, "red", 1), ContentVector.terms("Trail shoe", "For the trail",
        Map.of("color", "Red")));
  }

  @Test
  void textWeightsAreTfIdfOfLengthOneAndATokenInEveryProductWeighsNothing() {
    ContentVector v = vector(Map.of("trail", 2, "shoe", 1, "boot", 1), "shoes", null, null);
    assertEquals(Map.of("trail", 0.0, "boot", 0.0).keySet(), v.text().keySet(), "shoe is in all 10");
    double trail = (1 + Math.log(2)) * Math.log(5);
    double boot = Math.log(10 / 3.0);
    assertEquals(trail / Math.hypot(trail, boot), v.text().get("trail"), 1e-12);
    assertEquals(1, v.textDot(v), 1e-12);
  }

  @Test
  void aProductIsItsOwnClosestMatch() {
    ContentVector v = vector(Map.of("trail", 1, "boot", 1), "shoes", "hiking", "acme");
    assertEquals(1, v.cosine(v, v.textDot(v), W, W), 1e-12);
  }

  @Test
  void sharingTheBrandAndWordsBeatsSharingTheCategoryAndSubcategoryAlone() {
    ContentVector a = vector(Map.of("trail", 1, "boot", 1), "shoes", "hiking", "acme");
    ContentVector sameBrandAndWords = vector(Map.of("trail", 1, "red", 1), "shoes", "running", "acme");
    ContentVector sameShelf = vector(Map.of("red", 1), "shoes", "hiking", "zed");
    double brandAndWords = a.cosine(sameBrandAndWords, a.textDot(sameBrandAndWords), W, W);
    double shelf = a.cosine(sameShelf, a.textDot(sameShelf), W, W);
    assertTrue(brandAndWords > shelf, brandAndWords + " against " + shelf);
    assertEquals(2 * W * W / 1.75, shelf, 1e-12, "category and subcategory, each of weight 0.5, over lengths 1.75");
  }

  @Test
  void aSubcategoryOfAnotherCategoryIsNotShared() {
    ContentVector a = vector(Map.of(), "shoes", "sport", null);
    ContentVector b = vector(Map.of(), "bags", "sport", null);
    assertEquals(0, a.cosine(b, 0, W, W));
  }
}

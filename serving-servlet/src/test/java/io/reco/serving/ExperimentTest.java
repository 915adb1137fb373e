package io.reco.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Rules rules(String json) throws Exception {
    return Rules.parse(JSON.readTree(json));
  }

  @Test
  void onAHundredThousandUsersEachVariantsShareIsWithinOnePercentOfItsSetting() throws Exception {
    Experiment experiment = rules("{\"experiments\":[{\"name\":\"home\",\"variants\":[{\"name\":\"a\",\"percent\":50},"
        + "{\"name\":\"b\",\"percent\":33.5},{\"name\":\"c\",\"percent\":16.5}]}]}").experiments().get(0);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      counts.merge(experiment.variant("user-" + i).name(), 1, Integer::sum);
    }
    assertEquals(50_000, counts.get("a"), 1_000, counts.toString());
    assertEquals(33_500, counts.get("b"), 1_000, counts.toString());
    assertEquals(16_500, counts.get("c"), 1_000, counts.toString());
    // deterministic, and independent of another experiment's split
    assertEquals(experiment.variant("user-7"), experiment.variant("user-7"));
    int same = 0;
    for (int i = 0; i < 10_000; i++) {
      same += Experiment.bucket("home", "u" + i) < 5_000 == Experiment.bucket("other", "u" + i) < 5_000 ? 1 : 0;
    }
    assertEquals(5_000, same, 200);
  }

  @Test
  void anExperimentCoversEveryRecommendingEndpointUnlessItNamesSome() throws Exception {
    Experiment all = rules("{\"experiments\":[{\"name\":\"x\",\"variants\":[{\"name\":\"a\",\"percent\":50},"
        + "{\"name\":\"b\",\"percent\":50,\"strategy\":\"popular\"}]}]}").experiments().get(0);
    assertTrue(all.endpoints().contains(Endpoint.CART_ADDONS));
    assertTrue(!all.endpoints().contains(Endpoint.ITEM_FEATURES));
    assertEquals("popular", all.variants().get(1).strategy());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"blocklist\":\"p9\"}|'blocklist' is an array of item ids",
      "{\"max_price\":0}|'max_price' is a number above 0, was 0",
      "{\"boost\":{}}|unknown field 'boost'",
      "{\"boosts\":{\"colour\":{}}}|'boosts' are by 'category' or 'brand', not 'colour'",
      "{\"boosts\":{\"brand\":{\"acme\":-2}}}|'boosts.brand.acme' is a number above 0, was -2",
      "{\"hide_inactive\":\"no\"}|'hide_inactive' is true or false",
      "{\"experiments\":[{\"name\":\"x\",\"variants\":[{\"name\":\"a\",\"percent\":50},{\"name\":\"b\",\"percent\":40}]}]}"
          + "|experiment 'x': the variants' percents sum to 90.0, not 100",
      "{\"experiments\":[{\"name\":\"x\",\"variants\":[{\"name\":\"a\",\"percent\":100}]}]}"
          + "|experiment 'x': 'variants' is an array of two or more",
      "{\"experiments\":[{\"name\":\"x\",\"endpoints\":[\"user_features\"],\"variants\":[]}]}"
          + "|experiment 'x': no endpoint that recommends is named 'user_features'",
      "{\"experiments\":[{\"name\":\"x\",\"variants\":[{\"name\":\"a\",\"percent\":50},{\"name\":\"a\",\"percent\":50}]}]}"
          + "|experiment 'x': two variants are named 'a'",
      "{\"experiments\":[{\"name\":\"x\",\"variants\":[{\"name\":\"a\",\"percent\":50},{\"name\":\"b\",\"percent\":50,"
          + "\"strategy\":\"random\"}]}]}|experiment 'x': a variant's strategy is 'popular' (or none), was 'random'",
  })
  void aBadRuleIsRefusedNamingItsField(String json, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rules(json));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void theRulesHideWhatTheCatalogSaysIsGoneBlockedOrTooDearAndBoostByCategoryAndBrand() throws Exception {
    Rules rules = rules("{\"blocklist\":[\"b\"],\"max_price\":100,\"boosts\":{\"category\":{\"shoes\":2},"
        + "\"brand\":{\"acme\":1.5}}}");
    ItemFacts shoe = new ItemFacts("shoes", "acme", 50.0, true, true);
    assertTrue(rules.allows("a", shoe));
    assertTrue(!rules.allows("b", shoe));
    assertTrue(!rules.allows("a", new ItemFacts("shoes", null, 150.0, true, true)));
    assertTrue(!rules.allows("a", new ItemFacts("shoes", null, 5.0, false, true)));
    assertTrue(!rules.allows("a", new ItemFacts("shoes", null, 5.0, true, false)));
    assertTrue(rules.allows("a", null));
    assertEquals(3.0, rules.boost(shoe), 1e-9);
    assertTrue(Rules.DEFAULT.allows("a", new ItemFacts(null, null, 1e9, true, true)));
  }
}

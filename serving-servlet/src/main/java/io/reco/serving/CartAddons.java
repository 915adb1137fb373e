package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/cart/addons} with {@code {"items":["id",...]}} (1 to {@value Call#MAX_ITEMS} items; the common
 * parameters in the query or the body): what to add to the cart. The items bought with the cart's items (each
 * item's list scaled to its best, summed over the cart), topped up with the cart's similar items, then popular
 * items; never an item in the cart. {@code strategy} names the first of {@code bought-together}, {@code similar},
 * {@code popular} that gave anything; with {@code explain=true}, each item names the cart item it goes with.
 */
final class CartAddons implements UseCase {
  private final ModelReader model;

  CartAddons(ModelReader model) {
    this.model = model;
  }

  @Override
  public Object answer(Call call) throws IOException {
    List<String> cart = call.items().stream().distinct().toList();
    String version = call.version();
    int n = call.candidates();
    Set<String> excluded = call.excluded();
    Map<String, List<ScoredItem>> baskets = model.boughtTogether(version, cart);
    List<ScoredItem> together = ItemLists.sum(baskets.values(), excluded, n);
    // the cart's similar items only where the baskets leave fewer than the answer wants
    Map<String, List<ScoredItem>> neighbours = call.enough(together) ? Map.of() : model.similar(version, cart);
    List<ScoredItem> similar = ItemLists.sum(neighbours.values(), excluded, n);
    Map<String, List<ScoredItem>> sources = new LinkedHashMap<>(neighbours);
    sources.putAll(baskets);
    call.because(sources);
    List<ScoredItem> items = ItemLists.fill(ItemLists.fill(together, similar, excluded, n), model.popular(version),
        excluded, n);
    return call.answer(items, !together.isEmpty() ? "bought-together" : !similar.isEmpty() ? "similar" : "popular");
  }
}

package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/cart/addons} with {@code {"items":["id",...]}} (1 to {@value #MAX_ITEMS} items; {@code user_id},
 * {@code exclude}, {@code k} and {@code offset} optional): what to add to the cart. The items bought with the
 * cart's items (each item's list scaled to its best, summed over the cart), topped up with the cart's similar
 * items, then popular items; never an item in the cart. {@code strategy} names the first of
 * {@code bought-together}, {@code similar}, {@code popular} that gave anything.
 */
final class CartAddons implements UseCase {
  static final int MAX_ITEMS = 50;

  private final ModelReader model;

  CartAddons(ModelReader model) {
    this.model = model;
  }

  @Override
  public Object answer(Call call) throws IOException {
    List<String> cart = call.ids("items", 1, MAX_ITEMS).stream().distinct().toList();
    String version = call.version();
    int n = call.window();
    Set<String> excluded = new HashSet<>(call.excluded());
    excluded.addAll(cart);
    List<ScoredItem> together = ItemLists.sum(model.boughtTogether(version, cart).values(), excluded, n);
    List<ScoredItem> similar = together.size() >= n ? List.of()
        : ItemLists.sum(model.similar(version, cart).values(), excluded, n);
    List<ScoredItem> items = ItemLists.fill(ItemLists.fill(together, similar, excluded, n), model.popular(version),
        excluded, n);
    return call.answer(items, !together.isEmpty() ? "bought-together" : !similar.isEmpty() ? "similar" : "popular");
  }
}

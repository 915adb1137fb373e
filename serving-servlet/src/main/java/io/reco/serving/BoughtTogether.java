package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/items/{itemId}/bought-together}: the items bought in the same basket as the item (one order, else
 * one session) more often than chance ({@code bought-together}: log-likelihood over the baskets, minimum support),
 * topped up with its similar items; {@code "strategy":"similar"} when it was never bought with anything; 404 when
 * it has neither.
 */
final class BoughtTogether implements UseCase {
  private final ModelReader model;

  BoughtTogether(ModelReader model) {
    this.model = model;
  }

  @Override
  public Object answer(Call call) throws IOException {
    String version = call.version();
    String item = call.id();
    int n = call.candidates();
    List<ScoredItem> together = ItemLists.without(model.boughtTogether(version, item).orElse(List.of()),
        call.excluded(), n);
    if (!together.isEmpty() && call.enough(together)) {
      // similar items only where the baskets leave fewer than the answer wants
      call.because(Map.of(item, together));
      return call.answer(together, "bought-together");
    }
    List<ScoredItem> similar = model.similar(version, item).orElse(List.of());
    if (together.isEmpty() && similar.isEmpty()) {
      throw new ApiException(404, "unknown item '" + item + "': nothing bought with it or similar to it in model "
          + version);
    }
    call.because(Map.of(item, together.isEmpty() ? similar : together));
    return call.answer(ItemLists.fill(together, similar, call.excluded(), n), together.isEmpty() ? "similar"
        : "bought-together");
  }
}

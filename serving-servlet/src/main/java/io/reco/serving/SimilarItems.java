package io.reco.serving;

import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/items/{itemId}/similar}: the items most often wanted by the same users (the model's indicators,
 * Mahout log-likelihood among them, blended), topped up with the item's content neighbours. An item without
 * behaviour (new in the catalog) gets its content neighbours ({@code "strategy":"content"}: category, brand,
 * attributes, TF-IDF of its text), else its category's popular items ({@code "category-popular"}); 404 for an item
 * the model knows nothing of.
 */
final class SimilarItems implements UseCase {
  private final ModelReader model;

  SimilarItems(ModelReader model) {
    this.model = model;
  }

  @Override
  public Object answer(Call call) throws IOException {
    String version = call.version();
    String item = call.id();
    int n = call.candidates();
    Optional<List<ScoredItem>> similar = model.similar(version, item);
    if (similar.isPresent() && !similar.get().isEmpty()) {
      call.because(Map.of(item, similar.get()));
      List<ScoredItem> items = ItemLists.without(similar.get(), call.excluded(), n);
      // content neighbours only where the behaviour leaves fewer than the answer wants
      return call.answer(call.enough(items) ? items : ItemLists.fill(items,
          model.contentNeighbours(version, item).orElse(List.of()), call.excluded(), n), "similar");
    }
    List<ScoredItem> content = model.contentNeighbours(version, item).orElse(List.of());
    if (!content.isEmpty()) {
      call.because(Map.of(item, content));
      return call.answer(content, "content");
    }
    Optional<List<ScoredItem>> popular = categoryPopular(model, version, item);
    if (popular.isPresent()) {
      return call.answer(popular.get(), "category-popular");
    }
    throw new ApiException(404, "unknown item '" + item + "': no similar items in model " + version);
  }

  /** The popular items of {@code item}'s category, when the model knows the item's category and has its list. */
  static Optional<List<ScoredItem>> categoryPopular(ModelReader model, String version, String item)
      throws IOException {
    ItemFacts facts = model.facts(version, List.of(item)).get(item);
    if (facts == null || facts.category() == null) {
      return Optional.empty();
    }
    return model.popular(version, io.reco.schema.PopularLists.category(facts.category()))
        .filter(list -> !list.isEmpty());
  }
}

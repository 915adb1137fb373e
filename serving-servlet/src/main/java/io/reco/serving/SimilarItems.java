package io.reco.serving;

import io.reco.schema.FeatureCells;
import io.reco.schema.PopularLists;
import io.reco.schema.RecoTables;
import io.reco.schema.avro.ItemFeatures;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    int n = call.window();
    Set<String> excluded = new HashSet<>(call.excluded());
    excluded.add(item);
    Optional<List<ScoredItem>> similar = model.similar(version, item);
    Optional<List<ScoredItem>> content = model.contentNeighbours(version, item);
    if (similar.isPresent() && !similar.get().isEmpty()) {
      List<ScoredItem> items = ItemLists.without(similar.get(), excluded, n);
      return call.answer(ItemLists.fill(items, content.orElse(List.of()), excluded, n), "similar");
    }
    if (content.isPresent() && !content.get().isEmpty()) {
      return call.answer(ItemLists.without(content.get(), excluded, n), "content");
    }
    Optional<List<ScoredItem>> popular = categoryPopular(model, version, item);
    if (popular.isPresent()) {
      return call.answer(ItemLists.without(popular.get(), excluded, n), "category-popular");
    }
    throw new ApiException(404, "unknown item '" + item + "': no similar items in model " + version);
  }

  /** The popular items of {@code item}'s category, when the model knows the item's category and has its list. */
  static Optional<List<ScoredItem>> categoryPopular(ModelReader model, String version, String item)
      throws IOException {
    Optional<ItemFeatures> features;
    try {
      features = model.features(RecoTables.ITEM_FEATURES, version, item, FeatureCells::decodeItem);
    } catch (IllegalStateException e) {
      // a feature cell of a schema this servlet does not know: no category to go by
      return Optional.empty();
    }
    if (features.isEmpty() || features.get().getCategory() == null) {
      return Optional.empty();
    }
    return model.popular(version, PopularLists.category(features.get().getCategory().toString()))
        .filter(list -> !list.isEmpty());
  }
}

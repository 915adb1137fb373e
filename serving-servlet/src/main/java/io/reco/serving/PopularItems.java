package io.reco.serving;

import io.reco.schema.PopularLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/popular} and {@code GET /v1/trending}, over all items or one {@code category}'s: the most wanted
 * items (events weighted by type), or those whose events in the last window run above their usual rate. Trending
 * is topped up with popular items, and is the popular list ({@code "strategy":"popular"}) where nothing trends;
 * 404 for a category the model has no list of. Also the answer of an experiment's {@code popular} variant on any
 * endpoint (a hold-out without personalization).
 */
final class PopularItems implements UseCase {
  private final ModelReader model;
  private final boolean trending;

  PopularItems(ModelReader model, boolean trending) {
    this.model = model;
    this.trending = trending;
  }

  @Override
  public Object answer(Call call) throws IOException {
    String version = call.version();
    Optional<String> category = Optional.ofNullable(call.filters().category());
    List<ScoredItem> popular = model.popular(version, category.map(PopularLists::category)
        .orElse(PopularLists.GLOBAL)).orElse(List.of());
    if (popular.isEmpty() && category.isPresent()) {
      throw new ApiException(404, "no popular items of category '" + category.get() + "' in model " + version);
    }
    if (!trending) {
      return call.answer(popular, "popular");
    }
    List<ScoredItem> rising = ItemLists.without(model.popular(version, category.map(PopularLists::trendingCategory)
        .orElse(PopularLists.TRENDING)).orElse(List.of()), call.excluded(), call.candidates());
    return rising.isEmpty() ? call.answer(popular, "popular")
        : call.answer(ItemLists.fill(rising, popular, call.excluded(), call.candidates()), "trending");
  }
}

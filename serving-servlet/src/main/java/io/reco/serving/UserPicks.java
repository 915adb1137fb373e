package io.reco.serving;

import io.reco.ranking.TopPicks;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/users/{userId}/recommendations}: the user's top picks ({@link TopPicks}): the neighbours of their
 * strongest history items, weighted by how strongly and how lately, plus a share of popularity, never an item the
 * model's exclusion rules keep from them (what they bought) or the request's {@code exclude}, topped up with
 * popular items. An active user's picks are read as the run ranked them, with this very code; others, and longer
 * lists, are ranked here. A user the model does not know gets the popular items ({@code "strategy":"popular"}).
 */
final class UserPicks implements UseCase {
  private final ModelReader model;
  private final TopPicks topPicks;

  UserPicks(ModelReader model, TopPicks topPicks) {
    this.model = model;
    this.topPicks = topPicks;
  }

  @Override
  public Object answer(Call call) throws IOException {
    String version = call.version();
    int n = call.window();
    Set<String> asked = call.excluded();
    Optional<List<ScoredItem>> precomputed = model.topPicks(version, call.id());
    if (precomputed.isPresent()) {
      List<ScoredItem> picks = ItemLists.without(precomputed.get(), asked, n);
      if (picks.size() >= n) {
        return call.answer(picks, "personalized");
      }
    }
    List<ScoredItem> history = model.recent(version, call.id()).orElse(List.of());
    Set<String> excluded = history.isEmpty() ? asked : model.excluded(version, call.id());
    if (!history.isEmpty() && !asked.isEmpty()) {
      excluded = new HashSet<>(excluded);
      excluded.addAll(asked);
    }
    TopPicks.Answer answer = topPicks.rank(history, excluded, seeds -> model.similar(version, seeds),
        model.popular(version), n);
    return call.answer(answer.items(), answer.strategy());
  }
}

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
 * popular items. An active user's picks are read as the run ranked them, with this very code, when enough of them
 * pass the rules and filters; others are ranked here. A user the model does not know gets the popular items
 * ({@code "strategy":"popular"}; with a {@code category}, that category's). With {@code explain=true}, each item
 * names the history item it is a neighbour of ({@code "because":{"item":"..."}}).
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
    Set<String> asked = call.excluded();
    Optional<List<ScoredItem>> precomputed = model.topPicks(version, call.id());
    boolean answered = precomputed.isPresent() && call.enough(precomputed.get());
    if (answered && !call.explains()) {
      return call.answer(precomputed.get(), "personalized");
    }
    ModelReader.History user = model.history(version, call.id());
    List<ScoredItem> history = user.recent();
    if (!history.isEmpty() && call.explains()) {
      call.because(model.similar(version, topPicks.seeds(history)));
    }
    if (answered) {
      return call.answer(precomputed.get(), "personalized");
    }
    Set<String> excluded = history.isEmpty() ? asked : user.excluded();
    if (!history.isEmpty() && !asked.isEmpty()) {
      excluded = new HashSet<>(excluded);
      excluded.addAll(asked);
    }
    TopPicks.Answer answer = topPicks.rank(history, excluded, seeds -> model.similar(version, seeds),
        model.popular(version), call.candidates());
    return call.answer(answer.items(), answer.strategy());
  }
}

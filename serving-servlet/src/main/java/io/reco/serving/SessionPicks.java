package io.reco.serving;

import io.reco.ranking.SessionHistory;
import io.reco.ranking.TopPicks;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /v1/session/recommendations} with {@code {"items":["id",...]}}, the items of a visitor's current
 * session in the order seen (1 to {@value Call#MAX_ITEMS}; the common parameters in the query or the body): what to
 * offer an anonymous visitor next, as Oryx's recommendToAnonymous and Gorse's session recommendation do. The
 * session blend's neighbours ({@code reco:item_next}: what visitors go on to) of the session's items, the newest
 * weighing most ({@link SessionHistory}), never the item on screen, topped up with popular items: the answer
 * {@code bin/reco evaluate --protocol session} scores. With {@code explain=true}, each item names the session item
 * it follows.
 */
final class SessionPicks implements UseCase {
  private final ModelReader model;
  private final TopPicks ranker;
  private final double decay;

  SessionPicks(ModelReader model, TopPicks ranker, double decay) {
    this.model = model;
    this.ranker = ranker;
    this.decay = decay;
  }

  @Override
  public Object answer(Call call) throws IOException {
    List<String> items = call.items();
    String version = call.version();
    call.because(model.next(version, items.stream().distinct().toList()));
    TopPicks.Answer answer = SessionHistory.rank(ranker, items, decay, call.excluded(),
        seeds -> model.next(version, seeds), model.popular(version), call.candidates());
    return call.answer(answer.items(), answer.strategy());
  }
}

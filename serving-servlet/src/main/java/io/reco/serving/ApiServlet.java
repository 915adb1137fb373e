package io.reco.serving;

import io.reco.ranking.TopPicks;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The recommendation API, mounted at {@code /v1/*}: each {@link Endpoint} answered by its {@link UseCase} - user
 * top picks ({@link UserPicks}), similar items ({@link SimilarItems}), frequently bought together
 * ({@link BoughtTogether}), cart add-ons ({@link CartAddons}), an anonymous visitor's session
 * ({@link SessionPicks}), popular and trending items ({@link PopularItems}), the feature lookups
 * ({@link EntityFeatures}), the clicks on answers ({@link ClickFeedback}); every answer's items are logged as
 * impressions ({@link FeedbackLog}). Common parameters and the answer's form: {@link Call}; the business rules and
 * A/B experiments every answer obeys: {@link Rules}, read again when their file changes ({@link RulesFile}). 503
 * while no model is published or while HBase does not answer; errors are {@code {"error":"..."}}.
 */
final class ApiServlet extends JsonServlet {
  private static final long serialVersionUID = 1L;

  private final transient Map<Endpoint, UseCase> useCases = new EnumMap<>(Endpoint.class);
  private final transient ModelReader model;
  private final transient RulesFile rules;
  private final transient FeedbackLog feedback;

  ApiServlet(ModelReader model, RequestPool pool, RulesFile rules, FeedbackLog feedback, TopPicks topPicks,
      TopPicks sessionPicks, double sessionDecay) {
    super(pool);
    this.model = model;
    this.rules = rules;
    this.feedback = feedback;
    useCases.put(Endpoint.USER_RECOMMENDATIONS, new UserPicks(model, topPicks));
    useCases.put(Endpoint.SIMILAR_ITEMS, new SimilarItems(model));
    useCases.put(Endpoint.BOUGHT_TOGETHER, new BoughtTogether(model));
    useCases.put(Endpoint.CART_ADDONS, new CartAddons(model));
    useCases.put(Endpoint.SESSION_RECOMMENDATIONS, new SessionPicks(model, sessionPicks, sessionDecay));
    useCases.put(Endpoint.POPULAR, new PopularItems(model, false));
    useCases.put(Endpoint.TRENDING, new PopularItems(model, true));
    useCases.put(Endpoint.USER_FEATURES, EntityFeatures.users(model));
    useCases.put(Endpoint.ITEM_FEATURES, EntityFeatures.items(model));
    useCases.put(Endpoint.FEEDBACK, new ClickFeedback());
  }

  @Override
  Object get(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return answer(request, response, "GET");
  }

  @Override
  Object post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    return answer(request, response, "POST");
  }

  private Object answer(HttpServletRequest request, HttpServletResponse response, String method) throws IOException {
    Optional<Endpoint.Match> match = Endpoint.match(request.getPathInfo());
    if (match.isEmpty()) {
      throw new ApiException(404, "no such endpoint: " + request.getRequestURI() + "; the API answers "
          + Stream.of(Endpoint.values()).map(e -> e.method() + " " + e.path()).collect(Collectors.joining(", ")));
    }
    Endpoint endpoint = match.get().endpoint();
    if (!endpoint.method().equals(method)) {
      response.setHeader("Allow", "GET".equals(endpoint.method()) ? "GET, HEAD" : "POST");
      throw new ApiException(405, method + " is not allowed on " + endpoint.path() + "; " + endpoint.method()
          + " is");
    }
    Call call = new Call(request, model, match.get(), rules.rules(), feedback);
    boolean holdOut = call.assignment().map(a -> "popular".equals(a.variant().strategy())).orElse(false);
    return useCases.get(holdOut ? Endpoint.POPULAR : endpoint).answer(call);
  }
}

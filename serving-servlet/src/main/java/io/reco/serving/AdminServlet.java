package io.reco.serving;

import io.reco.schema.ModelInfo;
import io.reco.schema.ModelRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The operator's API, mounted at {@code /admin/*} on the admin connector only ({@code reco.serving.admin-port};
 * the public port answers 404 there unless the two ports are the same). Every call needs
 * {@code Authorization: Bearer <reco.serving.admin-token>}, compared in constant time; without it, 401.
 *
 * <ul>
 *   <li>{@code POST /admin/model/{version}}: serve a published version from now on (a promotion or a rollback);
 *       answers {@code {"model": version, "previous": version}}. 404 for a version never registered, 409 for one
 *       still building.</li>
 *   <li>{@code POST /admin/cache/flush}: empty the list cache; answers {@code {"flushed": entries}}.</li>
 * </ul>
 */
final class AdminServlet extends JsonServlet {
  private static final long serialVersionUID = 1L;
  private static final String BEARER = "Bearer ";

  private final transient ModelReader model;
  private final transient Store store;
  private final byte[] token;

  AdminServlet(ModelReader model, Store store, String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the admin API needs reco.serving.admin-token; set one, or leave "
          + "reco.serving.admin-port at -1 to serve no admin API");
    }
    this.model = model;
    this.store = store;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  Object post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    authorize(request, response);
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    if (path.equals("/cache/flush")) {
      return Map.of("flushed", model.flush());
    }
    if (path.startsWith("/model/") && path.length() > "/model/".length()) {
      return promote(path.substring("/model/".length()));
    }
    throw new ApiException(404, "no such endpoint: " + request.getRequestURI()
        + "; try POST /admin/model/{version} or POST /admin/cache/flush");
  }

  @Override
  Object get(HttpServletRequest request, HttpServletResponse response) {
    authorize(request, response);
    response.setHeader("Allow", "POST");
    throw new ApiException(405, "the admin API answers POST only");
  }

  private Map<String, Object> promote(String version) throws IOException {
    try {
      ModelRegistry.checkVersion(version);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    ModelRegistry registry = new ModelRegistry(store.connection());
    Optional<ModelInfo> info = registry.describe(version);
    if (info.isEmpty()) {
      throw new ApiException(404, "no model version " + version + " is registered");
    }
    if (!ModelRegistry.PUBLISHED.equals(info.get().status())) {
      throw new ApiException(409, "model version " + version + " is " + info.get().status()
          + "; only a published version can be served");
    }
    Optional<String> previous = model.activeVersion();
    registry.activate(version);
    model.refreshNow();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", version);
    body.put("previous", previous.orElse(null));
    return body;
  }

  private void authorize(HttpServletRequest request, HttpServletResponse response) {
    String header = request.getHeader("Authorization");
    byte[] given = header != null && header.startsWith(BEARER)
        ? header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"reco-admin\"");
      throw new ApiException(401, "the admin API needs Authorization: Bearer <reco.serving.admin-token>");
    }
  }
}

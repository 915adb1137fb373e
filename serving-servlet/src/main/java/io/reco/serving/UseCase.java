package io.reco.serving;

import java.io.IOException;

/** What one {@link Endpoint} answers: a JSON-ready body, or an {@link ApiException}. */
interface UseCase {
  Object answer(Call call) throws IOException;
}

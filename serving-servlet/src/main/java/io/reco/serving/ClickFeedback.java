package io.reco.serving;

import io.reco.records.Feedback;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/feedback}: the shop's page reports a click on an item of an answer - {@code request_id} (the
 * answer's, as it came in its body and its {@code X-Request-Id} header), {@code item_id}, and the {@code user_id}
 * (or {@code session_id}) the answer was asked for, if any - in the JSON body or the query. The click is logged as a
 * clickstream event tied to the answer by its request id ({@link Feedback#click}), beside the answer's impressions,
 * for the feedback job's click-through and conversion rates. Answers {@code {"logged":"click",...}}; 400 for a
 * missing or malformed field, 503 when the service logs no feedback ({@value FeedbackLog#BOOTSTRAP_SERVERS} empty).
 * A shop whose own tracker already sends its clicks with {@code metadata.request_id} needs no call here.
 */
final class ClickFeedback implements UseCase {
  @Override
  public Object answer(Call call) {
    String requestId = required(call, "request_id");
    String item = required(call, "item_id");
    String type = call.parameter("type").orElse("click");
    if (!"click".equals(type)) {
      throw new ApiException(400, "'type' is click, the one kind of feedback the service takes; was '" + type
          + "' (purchases come from the shop's clickstream)");
    }
    String user = call.parameter("user_id").map(Call::checkId).orElse(null);
    String session = call.parameter("session_id").map(Call::checkId).orElse(null);
    if (!call.feedback().enabled()) {
      throw new ApiException(503, "this service logs no feedback: " + FeedbackLog.BOOTSTRAP_SERVERS + " is empty");
    }
    call.feedback().log(List.of(Feedback.click(requestId, user, session, item, System.currentTimeMillis())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("logged", "click");
    body.put("request_id", requestId);
    body.put("item_id", item);
    return body;
  }

  private static String required(Call call, String name) {
    return Call.checkText(name, call.parameter(name).orElseThrow(() -> new ApiException(400, "'" + name
        + "' is required")));
  }
}

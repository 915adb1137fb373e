package io.reco.serving;

import io.reco.testing.SharedHBase;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/** Servers over the shared HBase for the integration tests, each on a free port of 127.0.0.1. */
final class SharedServers {
  private SharedServers() {
  }

  /** A server re-reading the active model on every request, with {@code settings} applied. */
  static RecoServer start(Consumer<Configuration> settings) throws Exception {
    Configuration conf = SharedHBase.configuration();
    conf.setLong(RecoServer.MODEL_REFRESH_MS, 0);
    settings.accept(conf);
    return RecoServer.start(conf, "127.0.0.1", 0);
  }

  /** The base URL of {@code server}. */
  static String base(RecoServer server) {
    return "http://127.0.0.1:" + server.port();
  }
}

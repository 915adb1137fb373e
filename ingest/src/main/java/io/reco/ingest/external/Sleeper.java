package io.reco.ingest.external;

/** Waits between attempts; tests pass one that only records the delays. */
@FunctionalInterface
public interface Sleeper {
  /** The real wait. */
  Sleeper SYSTEM = Thread::sleep;

  /** Waits {@code millis} milliseconds. */
  void sleep(long millis) throws InterruptedException;
}

/** Offline evaluation on future data of the answers the service gives, beside baselines, and the blend's tuning. */
package io.reco.jobs.evaluate;

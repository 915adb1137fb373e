/** Cross-occurrence: which items a user's interactions of any kind say they will buy, by log-likelihood. */
package io.reco.jobs.cross;

/** Bronze to silver as one run: the validation jobs in order, their profile, the quality report and its checks. */
package io.reco.jobs.quality;

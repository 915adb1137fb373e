/** Gold training data for rankers: every interaction with the user's and the item's features as of just before it. */
package io.reco.jobs.training;

/** Per user, the items they touched most recently and most strongly: the seed of personal recommendations. */
package io.reco.jobs.recent;

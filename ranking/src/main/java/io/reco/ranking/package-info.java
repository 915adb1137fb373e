/** Top picks for a user from their history, the items' blended indicators and popularity: one code path. */
package io.reco.ranking;

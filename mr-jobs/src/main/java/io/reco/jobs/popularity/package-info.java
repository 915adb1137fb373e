/** Ranks items by how many users interacted with them and how strongly. */
package io.reco.jobs.popularity;

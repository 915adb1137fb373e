/** EASE (Steck, 2019): item-to-item weights in closed form, for catalogs that fit in memory. */
package io.reco.jobs.ease;

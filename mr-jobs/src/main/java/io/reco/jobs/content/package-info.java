/** Content-based similar items: catalog products alike in their text, category and brand, by cosine of TF-IDF. */
package io.reco.jobs.content;

/**
 * The delta merge's build step: a new main from the old main and a frozen delta, dropping versions
 * no live snapshot can see, with new sorted dictionaries and re-packed ids. Runs outside the
 * partition's write lock; must not touch the partition root or the live delta.
 */
package io.thermocline.hotstore.merge;

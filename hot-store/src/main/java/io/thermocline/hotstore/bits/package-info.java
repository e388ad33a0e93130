/**
 * Primitive building blocks of the hot tier: bit-packed integer arrays, selection-mask word
 * operations and a primitive long-to-id hash. Knows nothing of schemas, tables or MVCC.
 */
package io.thermocline.hotstore.bits;

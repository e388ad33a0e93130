/**
 * Predicates pushed down into the tiers: the expression tree, binding to a schema, and the
 * row-at-a-time reference evaluator. Vectorized evaluation belongs to each tier, not here.
 */
package io.thermocline.common.expr;

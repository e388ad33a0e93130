/**
 * Column types (DESIGN.md section 2) and the single conversion between user values and storage
 * values. Knows nothing of tables or tiers.
 */
package io.thermocline.common.type;

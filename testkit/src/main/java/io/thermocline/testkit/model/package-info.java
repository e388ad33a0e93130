/**
 * The reference model of a table (row versions with commit ids), the oracle tier tests compare
 * with. Simple and row-at-a-time by design; must never be used by production code or optimized.
 */
package io.thermocline.testkit.model;

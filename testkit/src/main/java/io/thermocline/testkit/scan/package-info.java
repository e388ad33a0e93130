/**
 * The scan contract's conformance kit: a fixture each tier implements and the abstract test class
 * every tier's scan passes. Tests only.
 */
package io.thermocline.testkit.scan;

/**
 * Errors: one unchecked exception type with stable error codes, plus the typed file errors
 * (corruption, version out of range). Must not depend on any other Thermocline package.
 */
package io.thermocline.common.error;

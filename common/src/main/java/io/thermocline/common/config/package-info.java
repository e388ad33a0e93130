/**
 * Typed configuration: every setting declared once with type, default, validator and doc, read from
 * an immutable {@link io.thermocline.common.config.Config}. No module reads raw string maps.
 */
package io.thermocline.common.config;

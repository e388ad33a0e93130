/**
 * Table schemas: columns, primary key, time column, and row validation against them. Holds no data
 * and knows nothing of tiers.
 */
package io.thermocline.common.schema;

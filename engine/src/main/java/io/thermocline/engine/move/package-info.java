/**
 * Row moves between the tiers of a hybrid table (aging and recall), each batch one commit: rows
 * ended in the source tier and written to the target under the same commit id, or neither. Does not
 * decide which rows age; the aging rule and the flag column do.
 */
package io.thermocline.engine.move;

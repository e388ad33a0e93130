/**
 * The audit log of admin actions: who did what to which target, when, and how it ended. Must not
 * decide whether an action is allowed; it only records.
 */
package io.thermocline.admincli.audit;

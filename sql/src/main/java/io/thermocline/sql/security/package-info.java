/**
 * Who runs a SQL statement and what their role allows: users, roles, the authenticator SPI and the
 * statement classification the driver checks before running anything. It must not store users or
 * passwords itself (the admin CLI does) nor run statements.
 */
package io.thermocline.sql.security;

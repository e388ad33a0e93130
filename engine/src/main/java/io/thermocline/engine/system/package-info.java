/**
 * The system surface of a database: named system views (the SYS schema) and system procedures (CALL
 * SYS.X(...)) that modules above the engine register, plus the extension SPI that attaches them
 * when a database opens. It must not know SQL or any module above the engine.
 */
package io.thermocline.engine.system;

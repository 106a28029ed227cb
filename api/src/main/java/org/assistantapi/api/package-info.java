/**
 * The server's entry point: {@code Main} parses the command line ({@code serve}, {@code prewarm},
 * {@code voices}, {@code say}), sets up logging to the configured directory, starts core and the
 * transports, tells systemd when it is ready and drains on SIGTERM.
 *
 * <p>May not do: speech work of any kind. Everything about voices, jobs and limits goes through
 * {@code org.assistantapi.core}; this package only wires the pieces together.
 */
package org.assistantapi.api;

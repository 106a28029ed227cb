/**
 * The YAML configuration: strict key checking ({@code ConfigKey}), each setting read and
 * validated once, and handed to core and the transports as small settings records.
 *
 * <p>May not do: act on the settings. Nothing here starts, opens or listens; a bad value is a
 * {@code ConfigException} naming its key.
 */
package org.assistantapi.api.config;

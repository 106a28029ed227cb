/**
 * What every speech engine offers: a {@code SpeechEngine} lists and opens {@code Voice}s, a
 * {@code Synthesis} speaks a text sentence by sentence into a {@code PcmSink} as 16-bit mono PCM.
 *
 * <p>May not touch: formats, streams, sessions, clients or HTTP.
 */
package org.assistantapi.engines;

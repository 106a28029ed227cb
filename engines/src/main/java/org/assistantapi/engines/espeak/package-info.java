/**
 * espeak-ng through the JDK's foreign-function API: the one serialized binding to
 * {@code libespeak-ng.so.1} (synthesis and phonemization), and the espeak voices built on it.
 *
 * <p>May not do: call the library outside {@code EspeakLibrary}, whose lock serializes every call
 * (espeak-ng has process-wide state).
 */
package org.assistantapi.engines.espeak;

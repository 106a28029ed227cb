package org.assistantapi.core;

/**
 * What one voice has spoken since the server started: seconds of audio, and the seconds its engine
 * took to make them (encoding excluded). Their ratio is the voice's real-time factor on this machine.
 */
public record SynthesisTotal(String voice, double audioSeconds, double engineSeconds) {
}

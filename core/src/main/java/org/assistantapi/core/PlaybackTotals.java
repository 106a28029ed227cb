package org.assistantapi.core;

/**
 * How well the workers kept ahead of their listeners since the server started, as the workers'
 * playback clocks tell: a player that starts at a stream's first audio and plays in real time (a
 * session's only while it has text waiting). Counted at each delivery of audio in the middle of a
 * stream's speech: not at its first audio, nor at a session's first after its listener had heard
 * everything with no text waiting.
 *
 * @param slackSeconds   the slack the worker's scheduler saw just before each such delivery: the
 *                       audio delivered minus the time since the first audio; below zero the
 *                       stream was late, and it stays late after a stall until it has caught up
 * @param stalls         those deliveries before which the listener (a player that waits when it
 *                       runs dry) had run dry and waited: each is one gap in its speech, whether
 *                       the worker could not keep up or the client read slower than real time
 * @param stalledSeconds how long those gaps lasted, in all
 * @param preemptedTurns turns a worker's scheduler stopped because work came for a listener due well
 *                       before the one in turn (a new request, a session's text after its listener
 *                       heard everything): their engine calls spoke nothing
 * @param preemptedSeconds the compute those turns had spent, spent again later: what preempting costs
 */
public record PlaybackTotals(Histogram.Counts slackSeconds, long stalls, double stalledSeconds, long preemptedTurns,
                             double preemptedSeconds) {
}

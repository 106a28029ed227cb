/**
 * Streaming audio encoders (mp3, Ogg Opus, flac, aac through ffmpeg, wav, pcm) and the resampler:
 * 16-bit mono PCM in as it arrives, the container's bytes out as soon as they exist.
 *
 * <p>May not touch: engines, jobs, clients or the worker protocol; an encoder sees only PCM.
 */
package org.assistantapi.encoders;

/**
 * Piper voices: the voice's {@code .onnx.json}, espeak-ng phonemization as Piper does it, phoneme
 * ids, inference on ONNX Runtime and the conversion of its output to PCM.
 *
 * <p>May not touch: formats, streams or clients; native ONNX Runtime objects stay inside this
 * package and are closed with try-with-resources.
 */
package org.assistantapi.engines.piper;

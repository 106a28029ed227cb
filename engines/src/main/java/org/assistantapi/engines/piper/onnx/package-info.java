/**
 * ONNX's protobuf messages ({@code Onnx.ModelProto} and the rest), generated at build time from
 * {@code src/main/proto/onnx.proto}. Only the Piper engine reads them, to split a voice's network;
 * nothing outside the engines module sees them.
 */
package org.assistantapi.engines.piper.onnx;

/**
 * The worker protocol, the only package core sees of a worker: the frames each way
 * ({@code ToWorker}, {@code FromWorker}) and their binary codec.
 *
 * <p>May not touch: engines or encoders; these types carry plain data so core needs neither.
 */
package org.assistantapi.workers.protocol;

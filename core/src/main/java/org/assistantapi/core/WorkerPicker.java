package org.assistantapi.core;

import java.util.Optional;

/** Chooses the worker for a job: the pool's {@link WorkerPool#pick}, or a test's. */
@FunctionalInterface
interface WorkerPicker {

    /** The worker to speak {@code voice}, or empty when none is ready. */
    Optional<? extends WorkerLink> pick(String voice);
}

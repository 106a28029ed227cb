package org.assistantapi.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The open sessions: creates them under the limits, finds them by their unguessable ids, and ends
 * those that finished, were cancelled, or sat idle past the timeout. An id is this instance's id,
 * a dot, and 128 random bits in base64url ({@code kitchen-1.3q2-7wXd...}): neither part contains a
 * dot, so a load balancer routes by the text before the first one.
 */
public final class SpeechSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SpeechSessions.class.getName());
    private static final int ID_BYTES = 16; // 128 random bits

    private final RequestValidator validator;
    private final JobStarter jobs;
    private final SessionSettings limits;
    private final String instanceId;
    private final Map<String, SpeechSession> sessions = new ConcurrentHashMap<>();
    private final Slots slots;
    private final SecureRandom random = new SecureRandom();
    private final Thread reaper;

    SpeechSessions(RequestValidator validator, JobStarter jobs, SessionSettings limits, String instanceId) {
        this.validator = validator;
        this.jobs = jobs;
        this.limits = limits;
        this.instanceId = instanceId;
        this.slots = new Slots("sessions", SpeechException.Reason.TOO_MANY_SESSIONS, limits.maxSessions(),
                limits.maxPerOwner());
        this.reaper = Thread.ofVirtual().name("session-reaper").start(this::reap);
    }

    /**
     * Opens a session with no owner that speaks with the request's voice, format, speed and rate
     * (its text is ignored). The worker has accepted the job when this returns.
     */
    public SpeechSession open(SpeechRequest request) throws SpeechException {
        return open(request, null);
    }

    /**
     * Opens a session that only {@code owner} may find again (null: no owner; then only callers
     * without an owner find it). Besides the global limit, an owner may hold
     * {@link SessionSettings#maxPerOwner()} sessions.
     */
    public SpeechSession open(SpeechRequest request, String owner) throws SpeechException {
        // The place is taken before the job starts, so concurrent opens cannot overshoot the limits;
        // the session gives it back when it ends.
        Slots.Slot slot = slots.take(owner);
        try {
            SpeechSession session = new SpeechSession(newId(), owner, validator.check(request), jobs, limits, slot::close);
            sessions.put(session.id(), session);
            return session;
        } catch (SpeechException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /** A session with no owner. */
    public SpeechSession get(String id) throws SpeechException {
        return get(id, null);
    }

    /** A session of {@code owner}; another owner's session is not found, as if it did not exist. */
    public SpeechSession get(String id, String owner) throws SpeechException {
        SpeechSession session = id == null ? null : sessions.get(id);
        // A session the client closed stays findable a while after its audio ended, so that a
        // late append is told SESSION_CLOSED rather than SESSION_NOT_FOUND.
        if (session == null || (session.ended() && !session.closedByClient()) || !Objects.equals(owner, session.owner())) {
            throw new SpeechException(SpeechException.Reason.SESSION_NOT_FOUND, "no session " + id);
        }
        return session;
    }

    /** Cancels a session with no owner and forgets it. */
    public void cancel(String id) throws SpeechException {
        cancel(id, null);
    }

    /** Cancels a session of {@code owner} and forgets it. */
    public void cancel(String id, String owner) throws SpeechException {
        get(id, owner).cancel();
        sessions.remove(id);
    }

    /** Sessions open: those that have not ended. */
    public int count() {
        return slots.taken();
    }

    private String newId() {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return instanceId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private void reap() {
        while (!Thread.currentThread().isInterrupted()) {
            sessions.values().removeIf(session -> {
                if (session.ended()) {
                    return session.endedLongerThan(limits.idleTimeout());
                }
                if (session.idle()) {
                    LOG.info("session " + session.id() + " was idle, or its reader stalled, past " + limits.idleTimeout()
                            + "; ending it");
                    session.cancel();
                    return true;
                }
                return false;
            });
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        reaper.interrupt();
        sessions.values().forEach(SpeechSession::cancel);
        sessions.clear();
    }
}

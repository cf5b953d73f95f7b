package io.github.kcsessions.admin;

import io.github.kcsessions.query.SessionKey;
import org.keycloak.models.UserSessionModel;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the sessions offered to it and keeps only the {@code capacity} most recent ones
 * ({@link SessionKey#MOST_RECENT_FIRST}): a page of a realm-wide search needs memory for {@code first + max}
 * sessions, never for all the sessions it looked at.
 */
final class TopSessions {

    private static final Comparator<Kept> MOST_RECENT_FIRST = Comparator.comparing(Kept::key, SessionKey.MOST_RECENT_FIRST);

    private final int capacity;
    // The least recent kept session is at the head, so that it is the one a more recent session replaces.
    private final PriorityQueue<Kept> kept;
    private int total;

    TopSessions(int capacity) {
        this.capacity = capacity;
        this.kept = new PriorityQueue<>(Math.min(capacity, 1024) + 1, MOST_RECENT_FIRST.reversed());
    }

    void offer(UserSessionModel session) {
        total++;
        Kept candidate = new Kept(SessionKey.of(session), session);
        if (kept.size() < capacity) {
            kept.add(candidate);
        } else if (MOST_RECENT_FIRST.compare(candidate, kept.peek()) < 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** How many sessions were offered: every match, not only those kept. */
    int total() {
        return total;
    }

    /** The kept sessions, most recent first, without the first {@code skip}. */
    List<UserSessionModel> page(int skip) {
        return kept.stream().sorted(MOST_RECENT_FIRST).skip(skip).map(Kept::session).toList();
    }

    private record Kept(SessionKey key, UserSessionModel session) {
    }
}

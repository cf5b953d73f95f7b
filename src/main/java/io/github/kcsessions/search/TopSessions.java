package io.github.kcsessions.search;

import io.github.kcsessions.query.SessionKey;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the sessions offered to it and keeps only the {@code capacity} most recent ones
 * ({@link SessionKey#MOST_RECENT_FIRST}): a page of a realm-wide search needs memory for {@code first + max}
 * sessions, never for all the sessions it looked at.
 *
 * @param <T> what is kept of each session (the session model, in the search)
 */
final class TopSessions<T> {

    private final Comparator<Kept<T>> mostRecentFirst = Comparator.comparing(Kept::key, SessionKey.MOST_RECENT_FIRST);
    private final int capacity;
    // The least recent kept session is at the head, so that it is the one a more recent session replaces.
    private final PriorityQueue<Kept<T>> kept;
    private int total;

    TopSessions(int capacity) {
        this.capacity = capacity;
        this.kept = new PriorityQueue<>(Math.min(capacity, 1024) + 1, mostRecentFirst.reversed());
    }

    void offer(SessionKey key, T session) {
        total++;
        Kept<T> candidate = new Kept<>(key, session);
        if (kept.size() < capacity) {
            kept.add(candidate);
        } else if (mostRecentFirst.compare(candidate, kept.peek()) < 0) {
            kept.poll();
            kept.add(candidate);
        }
    }

    /** How many sessions were offered: every match, not only those kept. */
    int total() {
        return total;
    }

    /** The kept sessions, most recent first, without the first {@code skip}. */
    List<T> page(int skip) {
        return kept.stream().sorted(mostRecentFirst).skip(skip).map(Kept::session).toList();
    }

    private record Kept<T>(SessionKey key, T session) {
    }
}

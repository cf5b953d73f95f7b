package io.github.kcsessions.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SessionKeyTest {

    @Test
    void mostRecentFirstThenIdThenOnlineBeforeOffline() {
        SessionKey newest = new SessionKey("z", true, 300);
        SessionKey aOnline = new SessionKey("a", false, 200);
        SessionKey aOffline = new SessionKey("a", true, 200);
        SessionKey b = new SessionKey("b", false, 200);
        SessionKey oldest = new SessionKey("a", false, 100);

        List<SessionKey> sorted = Stream.of(oldest, b, aOffline, newest, aOnline)
                .sorted(SessionKey.MOST_RECENT_FIRST).toList();

        assertEquals(List.of(newest, aOnline, aOffline, b, oldest), sorted);
    }

    @Test
    void theSameSessionWhateverItsActivityWasReadAs() {
        SessionKey key = new SessionKey("s", false, 100);

        assertTrue(key.sameSession(new SessionKey("s", false, 250)));
        assertFalse(key.sameSession(new SessionKey("s", true, 100)), "the offline twin is another session");
        assertFalse(key.sameSession(new SessionKey("t", false, 100)));
        assertFalse(key.sameSession(null));
    }
}

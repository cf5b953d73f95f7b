package io.github.kcsessions.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kcsessions.query.SessionKey;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopSessionsTest {

    @Test
    void keepsTheMostRecentAndCountsAll() {
        TopSessions<String> top = new TopSessions<>(3);
        for (int refresh : new int[] {10, 50, 20, 40, 30}) {
            top.offer(new SessionKey("s" + refresh, false, refresh), "s" + refresh);
        }

        assertEquals(5, top.total());
        assertEquals(List.of("s50", "s40", "s30"), top.page(0));
        assertEquals(List.of("s30"), top.page(2));
        assertEquals(List.of(), top.page(3));
    }

    @Test
    void tiesAreBrokenByIdThenOnlineFirst() {
        TopSessions<String> top = new TopSessions<>(10);
        top.offer(new SessionKey("b", true, 100), "b offline");
        top.offer(new SessionKey("b", false, 100), "b online");
        top.offer(new SessionKey("a", true, 100), "a offline");
        top.offer(new SessionKey("c", false, 200), "c online");

        assertEquals(List.of("c online", "a offline", "b online", "b offline"), top.page(0));
    }

    @Test
    void pagesAgreeWithAFullSortWhateverTheArrivalOrder() {
        List<SessionKey> keys = IntStream.range(0, 500)
                .mapToObj(i -> new SessionKey("id" + (i % 37), i % 2 == 0, i % 61))
                .distinct()
                .toList();
        List<SessionKey> sorted = keys.stream().sorted(SessionKey.MOST_RECENT_FIRST).toList();
        List<SessionKey> shuffled = new java.util.ArrayList<>(keys);
        java.util.Collections.shuffle(shuffled, new Random(42));

        TopSessions<SessionKey> top = new TopSessions<>(60);
        shuffled.forEach(key -> top.offer(key, key));

        assertEquals(keys.size(), top.total());
        assertEquals(sorted.subList(50, 60), top.page(50));
    }
}

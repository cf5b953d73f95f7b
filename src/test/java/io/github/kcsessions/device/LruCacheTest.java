package io.github.kcsessions.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    private final List<String> computed = new ArrayList<>();
    private final Function<String, String> upperCase = key -> {
        computed.add(key);
        return key.toUpperCase();
    };

    @Test
    void computesEachKeyOnceWhileItFits() {
        LruCache<String, String> cache = new LruCache<>(2);

        assertEquals("A", cache.get("a", upperCase));
        assertEquals("A", cache.get("a", upperCase));
        assertEquals("B", cache.get("b", upperCase));

        assertEquals(List.of("a", "b"), computed);
    }

    @Test
    void forgetsTheLeastRecentlyUsedKey() {
        LruCache<String, String> cache = new LruCache<>(2);
        cache.get("a", upperCase);
        cache.get("b", upperCase);
        cache.get("a", upperCase);

        cache.get("c", upperCase);
        cache.get("a", upperCase);
        cache.get("b", upperCase);

        assertEquals(List.of("a", "b", "c", "b"), computed);
    }
}

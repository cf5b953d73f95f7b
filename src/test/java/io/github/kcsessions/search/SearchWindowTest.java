package io.github.kcsessions.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kcsessions.api.ApiException;
import io.github.kcsessions.api.Paging;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchWindowTest {

    @ParameterizedTest(name = "first={0}, max={1} -> {2}")
    @CsvSource({"0, 50, 50", "9900, 100, 10000", "9999, 1, 10000"})
    void theWindowIsFirstPlusMax(int first, int max, int window) {
        assertEquals(window, SearchWindow.of(new Paging(first, max)));
    }

    @ParameterizedTest(name = "first={0}, max={1}")
    @CsvSource({"9901, 100, 9900", "10000, 1, 9999", "2147483647, 100, 9900"})
    void deeperPagesAreRefusedWithTheDeepestAllowedFirst(int first, int max, int deepest) {
        ApiException e = assertThrows(ApiException.class, () -> SearchWindow.of(new Paging(first, max)));
        assertEquals("first", e.toError().details().get("parameter"));
        assertEquals(deepest, e.toError().details().get("maximum"));
    }
}

package io.github.kcsessions.device;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientHintsTest {

    private static ClientHints hints(Map<String, String> headers) {
        return ClientHints.from(headers::get);
    }

    @Test
    void readsEveryHintOfAChromeOnWindowsRequest() {
        ClientHints hints = hints(Map.of(
                "Sec-CH-UA", "\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"",
                "Sec-CH-UA-Mobile", "?0",
                "Sec-CH-UA-Platform", "\"Windows\"",
                "Sec-CH-UA-Platform-Version", "\"15.0.0\"",
                "Sec-CH-UA-Model", "\"\"",
                "Sec-CH-UA-Full-Version-List",
                "\"Chromium\";v=\"124.0.6367.91\", \"Google Chrome\";v=\"124.0.6367.91\", \"Not-A.Brand\";v=\"99.0.0.0\""));

        // Desktops send an empty model.
        assertEquals(new ClientHints(List.of(new Brand("Chromium", "124"), new Brand("Google Chrome", "124")), false,
                "Windows", "15.0.0", null,
                List.of(new Brand("Chromium", "124.0.6367.91"), new Brand("Google Chrome", "124.0.6367.91"))), hints);
    }

    @Test
    void absentHeadersAreNone() {
        assertEquals(ClientHints.NONE, hints(Map.of()));
    }

    /** Every GREASE spelling goes, and brands without a name: they would become an empty browser name. */
    @Test
    void dropsGreaseAndBrandsWithoutAName() {
        ClientHints hints = hints(Map.of("Sec-CH-UA", "\"Not A(Brand\";v=\"8\", \"Not/A)Brand\";v=\"24\", "
                + "\"Not?A_Brand\";v=\"99\", \"Not_A Brand\";v=\"8\", \" Not;A Brand\";v=\"99\", "
                + "\"Microsoft Edge\";v=\"131\""));

        assertEquals(List.of(new Brand("Microsoft Edge", "131")), hints.brands());
        assertEquals(List.of(), hints(Map.of("Sec-CH-UA", "\"\"")).brands());
        assertEquals(List.of(), hints(Map.of("Sec-CH-UA", "\"\";v=\"1\", \"  \";v=\"2\"")).brands());
        assertEquals(List.of(new Brand("Opera", "115")),
                hints(Map.of("Sec-CH-UA-Full-Version-List", "\"\";v=\"1\", \"Opera\";v=\"115\"")).fullVersionList());
    }

    @Test
    void readsEscapesTokensAndMissingVersions() {
        ClientHints hints = hints(Map.of(
                "Sec-CH-UA", "\"Quote \\\"Browser\\\"\";v=\"1\";x=y, Opera;v=\"115\", \"Bare\"",
                "Sec-CH-UA-Platform", "macOS",
                "Sec-CH-UA-Mobile", " ?1 "));

        assertEquals(new ClientHints(List.of(new Brand("Quote \"Browser\"", "1"), new Brand("Opera", "115"),
                new Brand("Bare", null)), true, "macOS", null, null, List.of()), hints);
    }

    @Test
    void keepsWhatPrecedesDamageAndNeverThrows() {
        ClientHints hints = hints(Map.of(
                "Sec-CH-UA", "\"Google Chrome\";v=\"124\", \"Unterminated",
                "Sec-CH-UA-Platform", "\"Windows",
                "Sec-CH-UA-Mobile", "yes",
                "Sec-CH-UA-Full-Version-List", ";;;,,,=\"\"\\"));

        assertEquals(new ClientHints(List.of(new Brand("Google Chrome", "124")), null, null, null, null, List.of()),
                hints);
    }

    @Test
    void ignoresOverlongHeaders() {
        String padding = " ".repeat(600);
        ClientHints hints = hints(Map.of(
                "Sec-CH-UA", "\"Google Chrome\";v=\"124\"" + padding,
                "Sec-CH-UA-Model", "\"Pixel 7\"" + padding,
                "Sec-CH-UA-Platform", "\"Android\""));

        assertEquals(new ClientHints(List.of(), null, "Android", null, null, List.of()), hints);
    }

    @Test
    void capsTheNumberOfBrands() {
        ClientHints hints = hints(Map.of("Sec-CH-UA", "a, ".repeat(100)));

        assertEquals(16, hints.brands().size());
    }
}

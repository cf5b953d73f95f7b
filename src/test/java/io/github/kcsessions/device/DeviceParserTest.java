package io.github.kcsessions.device;

import io.github.kcsessions.fixtures.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceParserTest {

    private final DeviceParser parser = new DeviceParser();

    private DeviceInfo parse(String userAgent) {
        return parser.parse(userAgent, ClientHints.NONE);
    }

    private DeviceInfo parse(String userAgent, Map<String, String> hints) {
        return parser.parse(userAgent, ClientHints.from(hints::get));
    }

    /** A fixture's name (a constant of {@link Devices}) or a user agent. */
    private static String userAgent(String nameOrUserAgent) throws ReflectiveOperationException {
        return nameOrUserAgent.matches("[A-Z_]+") ? (String) Devices.class.getField(nameOrUserAgent).get(null)
                : nameOrUserAgent;
    }

    /** Headers written {@code Name=value && Name=value}; none when empty. */
    private static Map<String, String> headers(String hints) {
        Map<String, String> headers = new HashMap<>();
        for (String header : hints == null ? new String[0] : hints.split(" && ")) {
            headers.put(header.substring(0, header.indexOf('=')), header.substring(header.indexOf('=') + 1));
        }
        return headers;
    }

    @ParameterizedTest(name = "{2} {3} on {4} {5}, {6}")
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 |  | Chrome | 109.0.0 | Windows | 7 | desktop | false |  |
            CHROME_WINDOWS |  | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 |  | Firefox | 133.0 | Windows | 10 | desktop | false |  |
            Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 |  | Firefox | 128.0 | Linux |  | desktop | false |  |
            Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 |  | Firefox | 128.0 | Ubuntu |  | desktop | false |  |
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15 |  | Safari | 17.4.1 | macOS | 10.15.7 | desktop | false | Mac | Apple
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0 |  | Firefox | 133.0 | macOS | 10.15 | desktop | false | Mac | Apple
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 |  | Edge | 131.0.0 | Windows | 10 | desktop | false |  |
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0 |  | Opera | 115.0.0 | macOS | 10.15.7 | desktop | false | Mac | Apple
            Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 |  | Chrome | 131.0.0 | Chrome OS | 14541.0.0 | desktop | false |  |
            CHROME_MAC |                                           | Chrome | 131.0.0 | macOS | 10.15.7 | desktop | false | Mac       | Apple
            SAFARI_IPHONE |                                        | Safari | 17.5 | iOS | 17.5 | mobile | true | iPhone    | Apple
            Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 |  | Chrome | 131.0.6778 | iOS | 17.5 | mobile | true | iPhone | Apple
            Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 |  | Chrome | 124.0.0 | Android | 14 | mobile | true | SM-S911B | Samsung
            Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36 |  | Samsung Internet | 25.0 | Android | 14 | mobile | true | SM-S911B | Samsung
            Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 |  | Chrome | 131.0.0 | Android | 14 | mobile | true | Pixel 8 | Google
            Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0 |  | Firefox | 133.0 | Android | 14 | mobile | true |  |
            # "K" is Chrome's placeholder in its reduced Android user agent, not a model
            CHROME_ANDROID_REDUCED |  | Chrome | 131.0.0 | Android | 10 | mobile | true |  |
            Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0 |  | Firefox | 133.0 | Android | 14 | tablet | true |  |
            Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 |  | Safari | 17.5 | iOS | 17.5 | tablet | true | iPad | Apple
            Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 |  | Chrome | 124.0.0 | Android | 13 | tablet | true | SM-X700 | Samsung
            Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/131.3.1 like Chrome/131.0.0.0 Safari/537.36 |  | Amazon Silk | 131.3.1 | Android | 11 | tablet | true | Kindle | Amazon
            Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) |  | Googlebot | 2.1 |  |  | bot | false |  |
            Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) |  | Googlebot | 2.1 | Android | 6.0.1 | bot | false |  |
            Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) |  | bingbot | 2.0 |  |  | bot | false |  |
            facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) |  | FacebookBot | 1.1 |  |  | bot | false |  |
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com) |  | ClaudeBot | 1.0 |  |  | bot | false |  |
            SomethingNobodyKnows |  |  |  |  |  | unknown | false |  |
            # Client hints: the Windows release, frozen platform versions, the model, the browser a brand reveals
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="15.0.0" | Chrome | 131.0.0 | Windows | 11 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="13.0.0" | Chrome | 131.0.0 | Windows | 11 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="10.0.0" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="1.0.0" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="12" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="0.3.0" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="garbage" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA-Platform="Windows" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 | Sec-CH-UA-Platform="Windows" && Sec-CH-UA-Platform-Version="0.1.0" | Chrome | 109.0.0 | Windows | 7 | desktop | false |  |
            CHROME_MAC                                             | Sec-CH-UA-Platform="macOS" && Sec-CH-UA-Platform-Version="14.5.0" | Chrome | 131.0.0 | macOS | 14.5.0 | desktop | false | Mac       | Apple
            CHROME_ANDROID_REDUCED | Sec-CH-UA-Mobile=?1 && Sec-CH-UA-Platform="Android" && Sec-CH-UA-Platform-Version="14.0.0" && Sec-CH-UA-Model="Pixel 7" && Sec-CH-UA-Full-Version-List="Google Chrome";v="131.0.6778.81", "Chromium";v="131.0.6778.81", "Not_A Brand";v="24.0.0.0" | Chrome | 131.0.6778.81 | Android | 14.0.0 | mobile | true | Pixel 7 | Google
            CHROME_WINDOWS | Sec-CH-UA-Mobile=?1 | Chrome | 131.0.0 | Windows | 10 | mobile | true |  |
            Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Sec-CH-UA-Mobile=?1 | Chrome | 124.0.0 | Android | 13 | tablet | true | SM-X700 | Samsung
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Sec-CH-UA-Full-Version-List="Chromium";v="131.0.6778.70", "Microsoft Edge";v="131.0.2903.51", "Not_A Brand";v="24.0.0.0" | Edge | 131.0.2903.51 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA="Brave";v="131", "Chromium";v="131", "Not_A Brand";v="24" | Brave | 131 | Windows | 10 | desktop | false |  |
            CHROME_WINDOWS | Sec-CH-UA="Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24" | Chrome | 131.0.0 | Windows | 10 | desktop | false |  |
            # the user agent names the distribution, the hint only says Linux: hints do not override another browser
            Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Sec-CH-UA-Full-Version-List="Google Chrome";v="131.0.6778.81" && Sec-CH-UA-Platform="Linux" | Firefox | 128.0 | Ubuntu |  | desktop | false |  |
            """)
    void browsersAndDevices(String name, String hints, String browser, String browserVersion, String os,
                            String osVersion, String deviceType, boolean mobile, String model, String vendor)
            throws ReflectiveOperationException {
        String userAgent = userAgent(name);
        DeviceInfo device = parse(userAgent, headers(hints));

        assertEquals(new DeviceInfo(userAgent, browser, browserVersion, os, osVersion, deviceType, mobile, model, vendor,
                false), device);
    }

    /** Empty hints from a hostile client leave the parsed values, and no field is ever the empty string. */
    @Test
    void emptyHintsNeverMakeEmptyFields() {
        DeviceInfo device = parse(CHROME_WINDOWS, Map.of("Sec-CH-UA", "\"\"", "Sec-CH-UA-Platform", "\"\"",
                "Sec-CH-UA-Platform-Version", "\"\"", "Sec-CH-UA-Model", "\" \"", "Sec-CH-UA-Full-Version-List", "\"\";v=\"\""));
        assertEquals("Chrome", device.browser());
        assertEquals("Windows", device.os());

        DeviceInfo unknown = parse("", Map.of("Sec-CH-UA", "\" \";v=\" \"", "Sec-CH-UA-Platform", "\" \""));
        for (String field : new String[] {unknown.userAgent(), unknown.browser(), unknown.browserVersion(), unknown.os(),
                unknown.osVersion(), unknown.model(), unknown.vendor()}) {
            assertNull(field);
        }
        assertEquals(new DeviceInfo("", " ", "\t", "", " ", "desktop", false, "", " ", false),
                new DeviceInfo(null, null, null, null, null, "desktop", false, null, null, false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            curl/8.5.0                                             | curl              | 8.5.0     | -
            Wget/1.21.4                                            | Wget              | 1.21.4    | -
            HTTPie/3.2.2                                           | HTTPie            | 3.2.2     | -
            PostmanRuntime/7.39.0                                  | Postman           | 7.39.0    | -
            insomnia/2023.5.8                                      | Insomnia          | 2023.5.8  | -
            python-requests/2.31.0                                 | python-requests   | 2.31.0    | -
            python-httpx/0.27.0                                    | python-httpx      | 0.27.0    | -
            Python-urllib/3.11                                     | Python-urllib     | 3.11      | -
            Python/3.11 aiohttp/3.9.5                              | aiohttp           | 3.9.5     | -
            okhttp/4.12.0                                          | okhttp            | 4.12.0    | -
            Go-http-client/1.1                                     | Go-http-client    | 1.1       | -
            Go-http-client/2.0                                     | Go-http-client    | 2.0       | -
            Java-http-client/17.0.11                               | Java-http-client  | 17.0.11   | -
            Java/17.0.2                                            | Java              | 17.0.2    | -
            Apache-HttpClient/4.5.14 (Java/17.0.2)                 | Apache-HttpClient | 4.5.14    | -
            axios/1.7.2                                            | axios             | 1.7.2     | -
            node-fetch/1.0 (+https://github.com/bitinn/node-fetch) | node-fetch        | 1.0       | -
            undici                                                 | undici            | -         | -
            node                                                   | Node.js           | -         | -
            Deno/1.44.0                                            | Deno              | 1.44.0    | -
            dotnet/8.0                                             | .NET              | 8.0       | -
            RestSharp/110.2.0.0                                    | RestSharp         | 110.2.0.0 | -
            Dart/3.3 (dart:io)                                     | Dart              | 3.3       | -
            libwww-perl/6.72                                       | libwww-perl       | 6.72      | -
            GuzzleHttp/7                                           | Guzzle            | 7         | -
            k6/0.49.0 (https://k6.io/)                             | k6                | 0.49.0    | -
            Thunder Client (https://www.thunderclient.com)         | Thunder Client    | -         | -
            bruno-runtime/1.0                                      | Bruno             | 1.0       | -
            CURL/7.88.1                                            | curl              | 7.88.1    | -
            Ruby                                                   | Ruby              | -         | -
            Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) PowerShell/7.4.6 | PowerShell        | 7.4.6     | Windows
            """)
    void developerToolsAndLibrariesAreApiClients(String userAgent, String tool, String version, String os) {
        DeviceInfo device = parse(userAgent);

        // Whatever OS version the parser found: not checked here.
        assertEquals(new DeviceInfo(userAgent, tool, version, os, device.osVersion(), DeviceInfo.UNKNOWN, false, null,
                null, true), device);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            CHROME_WINDOWS,
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (compatible; curl-like; Java/17) Firefox/1.0",
            "nodejs-client/1.0",
            "Curly/1.0"})
    void browsersAndLookalikesAreNotApiClients(String userAgent) {
        assertFalse(parse(userAgent).apiClient());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\u0000"})
    void noUserAgentIsAnUnknownDevice(String userAgent) {
        DeviceInfo device = parser.parse(userAgent, ClientHints.from(name -> "\"Windows\""));

        assertSame(DeviceInfo.NONE, device);
        assertEquals(new DeviceInfo(null, null, null, null, null, DeviceInfo.UNKNOWN, false, null, null, false), device);
    }

    @Test
    void userAgentIsCappedAndStrippedOfControlCharacters() {
        String userAgent = "curl/8.5.0\u001f\n" + "x".repeat(1000);

        DeviceInfo device = parse(userAgent);

        assertEquals(DeviceInfo.MAX_USER_AGENT_LENGTH, device.userAgent().length());
        assertTrue(device.userAgent().startsWith("curl/8.5.0x"));
        assertTrue(device.apiClient());
    }

    /** Hints are ignored for API clients and bots; null hints are no hints. */
    @Test
    void hintsAreIgnoredForApiClientsAndBots() {
        Map<String, String> hints = Map.of("Sec-CH-UA-Mobile", "?1", "Sec-CH-UA-Platform", "\"Android\"",
                "Sec-CH-UA-Model", "\"Pixel 7\"");

        assertEquals(parse(CURL), parse(CURL, hints));
        String googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        assertEquals(parse(googlebot), parse(googlebot, hints));
        assertEquals(parse(CHROME_WINDOWS), parser.parse(CHROME_WINDOWS, null));
    }

    @Test
    void cachedResultIsReusedAndHintsStillApply() {
        DeviceInfo first = parse(CHROME_WINDOWS);
        DeviceInfo second = parse(CHROME_WINDOWS);
        DeviceInfo hinted = parse(CHROME_WINDOWS,
                Map.of("Sec-CH-UA-Platform", "\"Windows\"", "Sec-CH-UA-Platform-Version", "\"15.0.0\""));

        assertSame(first, second);
        assertEquals("11", hinted.osVersion());
        assertEquals("10", parse(CHROME_WINDOWS).osVersion());
    }
}

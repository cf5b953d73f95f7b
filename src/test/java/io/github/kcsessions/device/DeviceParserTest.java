package io.github.kcsessions.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CHROME_ANDROID_REDUCED;
import static io.github.kcsessions.fixtures.Devices.CHROME_MAC;
import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static org.junit.jupiter.api.Assertions.assertAll;
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

    @ParameterizedTest(name = "{1} on {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | 131.0.0 | Windows | 10
            Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox | 133.0 | Windows | 10
            Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox | 128.0 | Linux |
            Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox | 128.0 | Ubuntu |
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15 | Safari | 17.4.1 | macOS | 10.15.7
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox | 133.0 | macOS | 10.15
            Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge | 131.0.0 | Windows | 10
            Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera | 115.0.0 | macOS | 10.15.7
            Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 | Chrome | 109.0.0 | Windows | 7
            Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome | 131.0.0 | Chrome OS | 14541.0.0
            """)
    void desktopBrowsers(String userAgent, String browser, String browserVersion, String os, String osVersion) {
        DeviceInfo device = parse(userAgent);

        assertAll(
                () -> assertEquals(userAgent, device.userAgent()),
                () -> assertEquals(browser, device.browser()),
                () -> assertEquals(browserVersion, device.browserVersion()),
                () -> assertEquals(os, device.os()),
                () -> assertEquals(osVersion, device.osVersion()),
                () -> assertEquals(DeviceInfo.DESKTOP, device.deviceType()),
                () -> assertFalse(device.mobile()),
                () -> assertFalse(device.apiClient()));
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

    @Test
    void macIsAnAppleDesktop() {
        DeviceInfo device = parse(CHROME_MAC);

        assertEquals("Apple", device.vendor());
        assertEquals("Mac", device.model());
    }

    @Test
    void windowsDesktopHasNoModel() {
        DeviceInfo device = parse(CHROME_WINDOWS);

        assertNull(device.model());
        assertNull(device.vendor());
    }

    @Test
    void iPhoneSafari() {
        DeviceInfo device = parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");

        assertAll(
                () -> assertEquals("Safari", device.browser()),
                () -> assertEquals("17.5", device.browserVersion()),
                () -> assertEquals("iOS", device.os()),
                () -> assertEquals("17.5", device.osVersion()),
                () -> assertEquals(DeviceInfo.MOBILE, device.deviceType()),
                () -> assertTrue(device.mobile()),
                () -> assertEquals("Apple", device.vendor()),
                () -> assertEquals("iPhone", device.model()));
    }

    @Test
    void chromeOnIPhoneIsChrome() {
        DeviceInfo device = parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1");

        assertEquals("Chrome", device.browser());
        assertEquals("131.0.6778", device.browserVersion());
        assertEquals(DeviceInfo.MOBILE, device.deviceType());
    }

    @Test
    void samsungPhoneChrome() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36");

        assertAll(
                () -> assertEquals("Chrome", device.browser()),
                () -> assertEquals("Android", device.os()),
                () -> assertEquals("14", device.osVersion()),
                () -> assertEquals(DeviceInfo.MOBILE, device.deviceType()),
                () -> assertTrue(device.mobile()),
                () -> assertEquals("SM-S911B", device.model()),
                () -> assertEquals("Samsung", device.vendor()));
    }

    @Test
    void samsungInternet() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36");

        assertEquals("Samsung Internet", device.browser());
        assertEquals("25.0", device.browserVersion());
        assertEquals(DeviceInfo.MOBILE, device.deviceType());
    }

    @Test
    void pixelPhoneChrome() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36");

        assertEquals(DeviceInfo.MOBILE, device.deviceType());
        assertEquals("Pixel 8", device.model());
        assertEquals("Google", device.vendor());
    }

    @Test
    void reducedAndroidUserAgentHasNoModel() {
        DeviceInfo device = parse(CHROME_ANDROID_REDUCED);

        assertEquals(DeviceInfo.MOBILE, device.deviceType());
        assertEquals("Android", device.os());
        assertNull(device.model(), "\"K\" is Chrome's placeholder, not a model");
        assertNull(device.vendor());
    }

    @Test
    void firefoxOnAndroidPhoneAndTablet() {
        DeviceInfo phone = parse("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0");
        DeviceInfo tablet = parse("Mozilla/5.0 (Android 14; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0");

        assertEquals("Firefox", phone.browser());
        assertEquals(DeviceInfo.MOBILE, phone.deviceType());
        assertNull(phone.model());
        assertEquals(DeviceInfo.TABLET, tablet.deviceType());
        assertTrue(tablet.mobile());
    }

    @Test
    void iPadIsAnIosTablet() {
        DeviceInfo device = parse("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1");

        assertAll(
                () -> assertEquals("Safari", device.browser()),
                () -> assertEquals("iOS", device.os()),
                () -> assertEquals(DeviceInfo.TABLET, device.deviceType()),
                () -> assertTrue(device.mobile()),
                () -> assertEquals("iPad", device.model()),
                () -> assertEquals("Apple", device.vendor()));
    }

    @Test
    void androidWithoutMobileIsATablet() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36");

        assertAll(
                () -> assertEquals("Chrome", device.browser()),
                () -> assertEquals("Android", device.os()),
                () -> assertEquals(DeviceInfo.TABLET, device.deviceType()),
                () -> assertTrue(device.mobile()),
                () -> assertEquals("SM-X700", device.model()),
                () -> assertEquals("Samsung", device.vendor()));
    }

    @Test
    void kindleIsATablet() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Silk/131.3.1 like Chrome/131.0.0.0 Safari/537.36");

        assertEquals(DeviceInfo.TABLET, device.deviceType());
        assertEquals("Amazon", device.vendor());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot
            Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | Googlebot
            Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | bingbot
            facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) | FacebookBot
            Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com) | ClaudeBot
            """)
    void crawlersAreBots(String userAgent, String name) {
        DeviceInfo device = parse(userAgent);

        assertEquals(DeviceInfo.BOT, device.deviceType());
        assertEquals(name, device.browser());
        assertFalse(device.mobile());
        assertFalse(device.apiClient());
        assertNull(device.model());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            curl/8.5.0                                             | curl              | 8.5.0
            Wget/1.21.4                                            | Wget              | 1.21.4
            HTTPie/3.2.2                                           | HTTPie            | 3.2.2
            PostmanRuntime/7.39.0                                  | Postman           | 7.39.0
            insomnia/2023.5.8                                      | Insomnia          | 2023.5.8
            python-requests/2.31.0                                 | python-requests   | 2.31.0
            python-httpx/0.27.0                                    | python-httpx      | 0.27.0
            Python-urllib/3.11                                     | Python-urllib     | 3.11
            Python/3.11 aiohttp/3.9.5                              | aiohttp           | 3.9.5
            okhttp/4.12.0                                          | okhttp            | 4.12.0
            Go-http-client/1.1                                     | Go-http-client    | 1.1
            Go-http-client/2.0                                     | Go-http-client    | 2.0
            Java-http-client/17.0.11                               | Java-http-client  | 17.0.11
            Java/17.0.2                                            | Java              | 17.0.2
            Apache-HttpClient/4.5.14 (Java/17.0.2)                 | Apache-HttpClient | 4.5.14
            axios/1.7.2                                            | axios             | 1.7.2
            node-fetch/1.0 (+https://github.com/bitinn/node-fetch) | node-fetch        | 1.0
            undici                                                 | undici            | -
            node                                                   | Node.js           | -
            Deno/1.44.0                                            | Deno              | 1.44.0
            dotnet/8.0                                             | .NET              | 8.0
            RestSharp/110.2.0.0                                    | RestSharp         | 110.2.0.0
            Dart/3.3 (dart:io)                                     | Dart              | 3.3
            libwww-perl/6.72                                       | libwww-perl       | 6.72
            GuzzleHttp/7                                           | Guzzle            | 7
            k6/0.49.0 (https://k6.io/)                             | k6                | 0.49.0
            Thunder Client (https://www.thunderclient.com)         | Thunder Client    | -
            bruno-runtime/1.0                                      | Bruno             | 1.0
            CURL/7.88.1                                            | curl              | 7.88.1
            Ruby                                                   | Ruby              | -
            """)
    void developerToolsAndLibrariesAreApiClients(String userAgent, String tool, String version) {
        DeviceInfo device = parse(userAgent);

        assertAll(
                () -> assertTrue(device.apiClient()),
                () -> assertEquals(tool, device.browser()),
                () -> assertEquals(version, device.browserVersion()),
                () -> assertEquals(DeviceInfo.UNKNOWN, device.deviceType()),
                () -> assertFalse(device.mobile()),
                () -> assertNull(device.model()),
                () -> assertNull(device.vendor()),
                () -> assertEquals(userAgent, device.userAgent()));
    }

    @Test
    void powerShellKeepsTheOperatingSystemItNames() {
        DeviceInfo device = parse("Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) PowerShell/7.4.6");

        assertTrue(device.apiClient());
        assertEquals("PowerShell", device.browser());
        assertEquals("7.4.6", device.browserVersion());
        assertEquals("Windows", device.os());
        assertEquals(DeviceInfo.UNKNOWN, device.deviceType());
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
        assertEquals(DeviceInfo.UNKNOWN, device.deviceType());
        assertFalse(device.apiClient());
        assertFalse(device.mobile());
        assertNull(device.userAgent());
        assertNull(device.browser());
        assertNull(device.os());
    }

    @Test
    void unrecognisedUserAgentIsUnknown() {
        DeviceInfo device = parse("SomethingNobodyKnows");

        assertEquals(DeviceInfo.UNKNOWN, device.deviceType());
        assertNull(device.browser());
        assertFalse(device.apiClient());
        assertEquals("SomethingNobodyKnows", device.userAgent());
    }

    @Test
    void userAgentIsCappedAndStrippedOfControlCharacters() {
        String userAgent = "curl/8.5.0\u001f\n" + "x".repeat(1000);

        DeviceInfo device = parse(userAgent);

        assertEquals(DeviceInfo.MAX_USER_AGENT_LENGTH, device.userAgent().length());
        assertTrue(device.userAgent().startsWith("curl/8.5.0x"));
        assertTrue(device.apiClient());
    }

    @Test
    void windows11PlatformVersionMakesAReducedUserAgentWindows11() {
        DeviceInfo withoutHints = parse(CHROME_WINDOWS);
        DeviceInfo withHints = parse(CHROME_WINDOWS,
                Map.of("Sec-CH-UA-Platform", "\"Windows\"", "Sec-CH-UA-Platform-Version", "\"15.0.0\""));

        assertEquals("Windows", withoutHints.os());
        assertEquals("10", withoutHints.osVersion());
        assertEquals("Windows", withHints.os());
        assertEquals("11", withHints.osVersion());
        assertEquals(DeviceInfo.DESKTOP, withHints.deviceType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            "13.0.0"  | 11
            "10.0.0"  | 10
            "1.0.0"   | 10
            "12"      | 10
            "0.3.0"   | 10
            "garbage" | 10
            -         | 10
            """)
    void windowsPlatformVersions(String platformVersion, String osVersion) {
        Map<String, String> hints = platformVersion == null ? Map.of("Sec-CH-UA-Platform", "\"Windows\"")
                : Map.of("Sec-CH-UA-Platform", "\"Windows\"", "Sec-CH-UA-Platform-Version", platformVersion);

        assertEquals(osVersion, parse(CHROME_WINDOWS, hints).osVersion());
    }

    @Test
    void windows7KeepsItsVersionWhenThePlatformVersionIsZero() {
        DeviceInfo device = parse("Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/109.0.0.0 Safari/537.36",
                Map.of("Sec-CH-UA-Platform", "\"Windows\"", "Sec-CH-UA-Platform-Version", "\"0.1.0\""));

        assertEquals("7", device.osVersion());
    }

    @Test
    void macOsPlatformVersionReplacesTheFrozenOne() {
        DeviceInfo device = parse(CHROME_MAC,
                Map.of("Sec-CH-UA-Platform", "\"macOS\"", "Sec-CH-UA-Platform-Version", "\"14.5.0\""));

        assertEquals("macOS", device.os());
        assertEquals("14.5.0", device.osVersion());
    }

    @Test
    void androidHintsGiveModelVersionAndPreciseBrowserVersion() {
        DeviceInfo device = parse(CHROME_ANDROID_REDUCED, Map.of(
                "Sec-CH-UA-Mobile", "?1",
                "Sec-CH-UA-Platform", "\"Android\"",
                "Sec-CH-UA-Platform-Version", "\"14.0.0\"",
                "Sec-CH-UA-Model", "\"Pixel 7\"",
                "Sec-CH-UA-Full-Version-List",
                "\"Google Chrome\";v=\"131.0.6778.81\", \"Chromium\";v=\"131.0.6778.81\", \"Not_A Brand\";v=\"24.0.0.0\""));

        assertAll(
                () -> assertEquals("Chrome", device.browser()),
                () -> assertEquals("131.0.6778.81", device.browserVersion()),
                () -> assertEquals("Android", device.os()),
                () -> assertEquals("14.0.0", device.osVersion()),
                () -> assertEquals(DeviceInfo.MOBILE, device.deviceType()),
                () -> assertTrue(device.mobile()),
                () -> assertEquals("Pixel 7", device.model()),
                () -> assertEquals("Google", device.vendor()));
    }

    @Test
    void mobileHintMakesAnUndecidedDeviceMobile() {
        DeviceInfo device = parse(CHROME_WINDOWS, Map.of("Sec-CH-UA-Mobile", "?1"));

        assertEquals(DeviceInfo.MOBILE, device.deviceType());
        assertTrue(device.mobile());
    }

    @Test
    void mobileHintDoesNotTurnATabletIntoAPhone() {
        DeviceInfo device = parse("Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36", Map.of("Sec-CH-UA-Mobile", "?1"));

        assertEquals(DeviceInfo.TABLET, device.deviceType());
    }

    @Test
    void fullVersionListPrefersTheBrowserBrandOverChromium() {
        String edge = CHROME_WINDOWS + " Edg/131.0.0.0";
        DeviceInfo device = parse(edge, Map.of("Sec-CH-UA-Full-Version-List",
                "\"Chromium\";v=\"131.0.6778.70\", \"Microsoft Edge\";v=\"131.0.2903.51\", \"Not_A Brand\";v=\"24.0.0.0\""));

        assertEquals("Edge", device.browser());
        assertEquals("131.0.2903.51", device.browserVersion());
    }

    @Test
    void brandsRevealABrowserThatPosesAsChrome() {
        DeviceInfo device = parse(CHROME_WINDOWS,
                Map.of("Sec-CH-UA", "\"Brave\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""));

        assertEquals("Brave", device.browser());
        assertEquals("131", device.browserVersion());
    }

    @Test
    void majorOnlyBrandsKeepTheUserAgentVersion() {
        DeviceInfo device = parse(CHROME_WINDOWS,
                Map.of("Sec-CH-UA", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""));

        assertEquals("Chrome", device.browser());
        assertEquals("131.0.0", device.browserVersion());
    }

    @Test
    void hintsDoNotOverrideAnotherBrowser() {
        String firefox = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        DeviceInfo device = parse(firefox, Map.of(
                "Sec-CH-UA-Full-Version-List", "\"Google Chrome\";v=\"131.0.6778.81\"",
                "Sec-CH-UA-Platform", "\"Linux\""));

        assertEquals("Firefox", device.browser());
        assertEquals("128.0", device.browserVersion());
        assertEquals("Ubuntu", device.os(), "the user agent names the distribution, the hint only says Linux");
    }

    @Test
    void hintsAreIgnoredForApiClientsAndBots() {
        Map<String, String> hints = Map.of("Sec-CH-UA-Mobile", "?1", "Sec-CH-UA-Platform", "\"Android\"",
                "Sec-CH-UA-Model", "\"Pixel 7\"");

        assertEquals(parse(CURL), parse(CURL, hints));
        String googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        assertEquals(parse(googlebot), parse(googlebot, hints));
    }

    @Test
    void nullHintsAreNoHints() {
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

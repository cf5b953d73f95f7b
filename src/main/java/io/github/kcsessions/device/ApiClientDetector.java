package io.github.kcsessions.device;

import java.util.List;

/**
 * Recognises developer tools and HTTP libraries by the product tokens of their user agent ({@code curl/8.5.0},
 * {@code Python/3.11 aiohttp/3.9.5}, {@code Apache-HttpClient/4.5.14 (Java/17.0.2)}). Only tokens outside comments
 * (parentheses) count, and a token must match a product name whole, case-insensitively, so browser user agents never
 * match. The general user-agent parser knows few of these tools and takes some for crawlers.
 */
final class ApiClientDetector {

    private ApiClientDetector() {
    }

    private record Product(String token, String name) {
    }

    private static final int MAX_VERSION_LENGTH = 32;

    private static final List<Product> PRODUCTS = List.of(
            // Command-line and GUI tools
            new Product("curl", "curl"),
            new Product("Wget", "Wget"),
            new Product("HTTPie", "HTTPie"),
            new Product("PostmanRuntime", "Postman"),
            new Product("insomnia", "Insomnia"),
            new Product("Thunder Client", "Thunder Client"),
            new Product("bruno-runtime", "Bruno"),
            new Product("k6", "k6"),
            new Product("PowerShell", "PowerShell"),
            new Product("WindowsPowerShell", "PowerShell"),
            // Python
            new Product("python-requests", "python-requests"),
            new Product("python-httpx", "python-httpx"),
            new Product("Python-urllib", "Python-urllib"),
            new Product("aiohttp", "aiohttp"),
            // JVM
            new Product("okhttp", "okhttp"),
            new Product("Java-http-client", "Java-http-client"),
            new Product("Java", "Java"),
            new Product("Apache-HttpClient", "Apache-HttpClient"),
            // JavaScript
            new Product("axios", "axios"),
            new Product("node-fetch", "node-fetch"),
            new Product("undici", "undici"),
            new Product("node", "Node.js"),
            new Product("Deno", "Deno"),
            new Product("Bun", "Bun"),
            // Others
            new Product("Go-http-client", "Go-http-client"),
            new Product("dotnet", ".NET"),
            new Product("RestSharp", "RestSharp"),
            new Product("Dart", "Dart"),
            new Product("libwww-perl", "libwww-perl"),
            new Product("GuzzleHttp", "Guzzle"),
            new Product("Ruby", "Ruby"),
            new Product("Faraday", "Faraday"));

    /**
     * The tool behind a user agent, with the operating system the user agent names, or null when it is not one of the
     * known tools.
     */
    static DeviceInfo detect(String userAgent, String os, String osVersion) {
        int depth = 0;
        boolean tokenStart = true;
        for (int i = 0; i < userAgent.length(); i++) {
            char c = userAgent.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && tokenStart && c != ' ') {
                Product product = productAt(userAgent, i);
                if (product != null) {
                    String version = versionAt(userAgent, i + product.token().length());
                    return new DeviceInfo(userAgent, product.name(), version, os, osVersion, DeviceInfo.UNKNOWN, false,
                            null, null, true);
                }
            }
            tokenStart = c == ' ' || c == ')';
        }
        return null;
    }

    private static Product productAt(String userAgent, int start) {
        for (Product product : PRODUCTS) {
            if (userAgent.regionMatches(true, start, product.token(), 0, product.token().length())
                    && endsProductName(userAgent, start + product.token().length())) {
                return product;
            }
        }
        return null;
    }

    private static boolean endsProductName(String userAgent, int index) {
        return index == userAgent.length() || "/ (;".indexOf(userAgent.charAt(index)) >= 0;
    }

    private static String versionAt(String userAgent, int index) {
        if (index >= userAgent.length() || userAgent.charAt(index) != '/') {
            return null;
        }
        int start = index + 1;
        int end = start;
        while (end < userAgent.length() && end - start < MAX_VERSION_LENGTH && " (;,".indexOf(userAgent.charAt(end)) < 0) {
            end++;
        }
        return end > start ? userAgent.substring(start, end) : null;
    }
}

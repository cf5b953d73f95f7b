package io.github.kcsessions.device;

import java.util.List;
import java.util.function.Function;

/**
 * The user-agent client hints a Chromium browser sent with a request, already parsed. Only Chromium-based browsers
 * send them, only over HTTPS, and the high-entropy ones (platform version, model, full version list) only after the
 * server asked for them with {@code Accept-CH}; every field is therefore optional (null), except the brand lists,
 * never null and without GREASE brands. {@code model} is null for the empty string desktops send.
 */
public record ClientHints(List<Brand> brands, Boolean mobile, String platform, String platformVersion, String model,
                          List<Brand> fullVersionList) {

    public static final ClientHints NONE = new ClientHints(List.of(), null, null, null, null, List.of());

    /** Real hints are a few dozen characters; anything much longer is abuse and is ignored whole. */
    static final int MAX_HEADER_LENGTH = 512;

    public ClientHints {
        brands = brands == null ? List.of() : List.copyOf(brands);
        fullVersionList = fullVersionList == null ? List.of() : List.copyOf(fullVersionList);
    }

    /**
     * Reads the hints from request headers.
     *
     * @param header gives a header's value by name, null when the request has no such header
     */
    public static ClientHints from(Function<String, String> header) {
        return new ClientHints(
                brandsOf(read(header, "Sec-CH-UA")),
                LenientStructuredFields.parseBoolean(read(header, "Sec-CH-UA-Mobile")),
                LenientStructuredFields.parseString(read(header, "Sec-CH-UA-Platform")),
                LenientStructuredFields.parseString(read(header, "Sec-CH-UA-Platform-Version")),
                LenientStructuredFields.parseString(read(header, "Sec-CH-UA-Model")),
                brandsOf(read(header, "Sec-CH-UA-Full-Version-List")));
    }

    private static String read(Function<String, String> header, String name) {
        String value = header.apply(name);
        return value == null || value.length() > MAX_HEADER_LENGTH ? null : DeviceParser.clean(value, MAX_HEADER_LENGTH);
    }

    private static List<Brand> brandsOf(String header) {
        return LenientStructuredFields.parseBrandList(header).stream()
                .filter(brand -> !DeviceParser.isBlank(brand.name()) && !isGrease(brand.name()))
                .toList();
    }

    /**
     * Chromium adds a fake brand such as "Not A(Brand" or "Not/A)Brand" (random punctuation between the words) so
     * that servers cannot rely on the list's shape; it carries no information.
     */
    private static boolean isGrease(String brandName) {
        StringBuilder letters = new StringBuilder();
        for (char c : brandName.toCharArray()) {
            if (Character.isLetter(c)) {
                letters.append(Character.toLowerCase(c));
            }
        }
        return letters.toString().equals("notabrand");
    }
}

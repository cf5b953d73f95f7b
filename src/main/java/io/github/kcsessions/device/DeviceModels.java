package io.github.kcsessions.device;

import java.util.List;
import java.util.Set;

/**
 * Turns the device names user agents and client hints carry into a model and, for a few well-known makers, a vendor.
 * The user-agent parser in use reports only a device family such as "Samsung SM-S911B" or "Pixel 8", so the vendor
 * is recognised from the name's prefix; it stays null rather than being guessed.
 */
final class DeviceModels {

    /**
     * @param makerName the prefix is the maker's name put in front of the model by the parser, not part of the model
     */
    private record VendorPrefix(String prefix, String vendor, boolean makerName) {
    }

    /** Families that name no actual device: placeholders, crawler markers, generic form factors. */
    private static final Set<String> NOT_A_MODEL = Set.of("Other", "Spider", "K", "Generic Smartphone",
            "Generic Tablet", "Generic Feature Phone");

    private static final List<VendorPrefix> VENDORS = List.of(
            new VendorPrefix("iPhone", "Apple", false),
            new VendorPrefix("iPad", "Apple", false),
            new VendorPrefix("iPod", "Apple", false),
            new VendorPrefix("Mac", "Apple", false),
            new VendorPrefix("Samsung ", "Samsung", true),
            new VendorPrefix("SM-", "Samsung", false),
            new VendorPrefix("Galaxy", "Samsung", false),
            new VendorPrefix("Pixel", "Google", false),
            new VendorPrefix("Nexus", "Google", false),
            new VendorPrefix("Kindle", "Amazon", false),
            new VendorPrefix("Huawei ", "Huawei", true),
            new VendorPrefix("Xiaomi ", "Xiaomi", true),
            new VendorPrefix("Redmi", "Xiaomi", false),
            new VendorPrefix("OnePlus", "OnePlus", false),
            new VendorPrefix("moto", "Motorola", false),
            new VendorPrefix("Nokia", "Nokia", false));

    private DeviceModels() {
    }

    /** The model a device name denotes, without a leading maker name; null for placeholders. */
    static String model(String deviceName) {
        if (DeviceParser.isBlank(deviceName) || NOT_A_MODEL.contains(deviceName)) {
            return null;
        }
        VendorPrefix vendor = vendorPrefixOf(deviceName);
        if (vendor != null && vendor.makerName() && deviceName.length() > vendor.prefix().length()) {
            return deviceName.substring(vendor.prefix().length());
        }
        return deviceName;
    }

    /** The maker of a device name, or null when not one of the few recognised. */
    static String vendor(String deviceName) {
        VendorPrefix vendor = deviceName == null ? null : vendorPrefixOf(deviceName);
        return vendor == null ? null : vendor.vendor();
    }

    private static VendorPrefix vendorPrefixOf(String deviceName) {
        for (VendorPrefix entry : VENDORS) {
            if (deviceName.regionMatches(true, 0, entry.prefix(), 0, entry.prefix().length())) {
                return entry;
            }
        }
        return null;
    }
}

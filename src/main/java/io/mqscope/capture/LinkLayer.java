package io.mqscope.capture;

/** The link types we read (LINKTYPE_ values, tcpdump.org/linktypes.html). */
final class LinkLayer {
    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW_BSD = 12;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private LinkLayer() {
    }

    static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW_BSD, RAW, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    static String describe(int linkType) {
        String name = switch (linkType) {
            case NULL -> "BSD loopback";
            case ETHERNET -> "Ethernet";
            case RAW, RAW_BSD -> "raw IP";
            case LOOP -> "OpenBSD loopback";
            case LINUX_SLL -> "Linux cooked v1";
            case LINUX_SLL2 -> "Linux cooked v2";
            case IPV4 -> "raw IPv4";
            case IPV6 -> "raw IPv6";
            case 105 -> "IEEE 802.11";
            case 127 -> "802.11 radiotap";
            case 195 -> "IEEE 802.15.4";
            case 220 -> "USB Linux";
            case 249 -> "USBPcap";
            default -> null;
        };
        return name == null ? "link type " + linkType : "link type " + linkType + " (" + name + ")";
    }

    /** As {@link #describe}, said in the reader's language. */
    static CaptureException.Detail detail(int linkType) {
        return describe(linkType).endsWith(")")
                ? CaptureException.Detail.of("linkType.named", linkType, CaptureException.Detail.of("link." + linkType))
                : CaptureException.Detail.of("linkType", linkType);
    }

    /** The link types we read, said in the reader's language. */
    static CaptureException.Detail supportedDetail() {
        return CaptureException.Detail.of("linkTypes.supported");
    }
}

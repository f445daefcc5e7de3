package io.mqscope.capture;

import java.util.Locale;

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

    /** "link type N (name)" in English, for notes and logs; the names are the capture bundle's. */
    static String describe(int linkType) {
        return detail(linkType).text(Locale.ENGLISH);
    }

    /** "link type N", with its name when the capture bundle has one ({@code link.N}), said in the reader's language. */
    static CaptureException.Detail detail(int linkType) {
        return CaptureException.Detail.exists("link." + linkType)
                ? CaptureException.Detail.of("linkType.named", linkType, CaptureException.Detail.of("link." + linkType))
                : CaptureException.Detail.of("linkType", linkType);
    }

    /** The link types we read, said in the reader's language. */
    static CaptureException.Detail supportedDetail() {
        return CaptureException.Detail.of("linkTypes.supported");
    }
}

package io.mqscope.cli;

import java.util.List;

/**
 * The addresses of this machine that a listener's banner names: `broker --bind` and `tap --listen` share them. The
 * rule itself is {@link io.mqscope.tap.LocalAddresses}, which the desktop app's wiretaps use too.
 */
final class LocalAddresses {
    private LocalAddresses() {
    }

    static boolean isWildcard(String address) {
        return io.mqscope.tap.LocalAddresses.isWildcard(address);
    }

    static boolean isLoopback(String address) {
        return io.mqscope.tap.LocalAddresses.isLoopback(address);
    }

    static List<String> lan() {
        return io.mqscope.tap.LocalAddresses.lan();
    }
}

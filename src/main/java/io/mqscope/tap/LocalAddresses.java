package io.mqscope.tap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses of this machine that a listener names for other devices: {@code broker --bind}, {@code tap --listen}
 * and the desktop app's wiretaps share them.
 */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /** Whether a bind address means every interface. */
    public static boolean isWildcard(String address) {
        return "0.0.0.0".equals(address) || "::".equals(address) || "[::]".equals(address);
    }

    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The IPv4 addresses of the interfaces that are up and not loopback: what other devices on the LAN dial. */
    public static List<String> lan() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback URL still works
        }
        return out;
    }
}

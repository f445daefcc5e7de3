package io.mqscope.capture;

/**
 * Link layer, IP and TCP headers of one frame, down to the TCP payload. Frames that carry no TCP (ARP, UDP, ICMP)
 * and IP fragments are counted in the notes: fragments are not reassembled (MQTT brokers and clients send segments
 * below the MTU; a fragmented TCP segment is rare enough to report rather than rebuild).
 */
final class Dissector {
    private static final int ETH_IPV4 = 0x0800;
    private static final int ETH_IPV6 = 0x86DD;
    private final Notes notes;

    Dissector(Notes notes) {
        this.notes = notes;
    }

    /** The TCP segment in the frame, or null when there is none. */
    TcpSegment tcp(CaptureFrame f) {
        byte[] b = f.data();
        int missingFrame = f.originalLength() - b.length;
        int p;
        int etherType;
        switch (f.linkType()) {
            case LinkLayer.ETHERNET -> {
                if (b.length < 14) {
                    return skip("frames too short for an Ethernet header");
                }
                p = 12;
                etherType = u16(b, p);
                // 802.1Q and 802.1ad tags, possibly stacked (QinQ): 4 bytes each before the real EtherType.
                while ((etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) && p + 6 <= b.length) {
                    p += 4;
                    etherType = u16(b, p);
                }
                p += 2;
            }
            case LinkLayer.LINUX_SLL -> {
                if (b.length < 16) {
                    return skip("frames too short for a Linux cooked header");
                }
                etherType = u16(b, 14);
                p = 16;
            }
            case LinkLayer.LINUX_SLL2 -> {
                if (b.length < 20) {
                    return skip("frames too short for a Linux cooked v2 header");
                }
                etherType = u16(b, 0);
                p = 20;
            }
            case LinkLayer.NULL, LinkLayer.LOOP -> {
                if (b.length < 4) {
                    return skip("frames too short for a loopback header");
                }
                // The address family is in the byte order of the machine that wrote the file (LOOP: network order).
                int family = b[0] == 0 && b[1] == 0 ? (b[2] & 0xff) << 8 | b[3] & 0xff
                        : (b[1] & 0xff) << 8 | b[0] & 0xff;
                etherType = family == 2 ? ETH_IPV4 : family == 24 || family == 28 || family == 30 ? ETH_IPV6 : -1;
                p = 4;
            }
            case LinkLayer.RAW, LinkLayer.RAW_BSD, LinkLayer.IPV4, LinkLayer.IPV6 -> {
                if (b.length < 1) {
                    return skip("empty frames");
                }
                int v = (b[0] & 0xff) >> 4;
                etherType = v == 4 ? ETH_IPV4 : v == 6 ? ETH_IPV6 : -1;
                p = 0;
            }
            default -> {
                return null;
            }
        }
        if (etherType == ETH_IPV4) {
            return ipv4(f, b, p, missingFrame);
        }
        if (etherType == ETH_IPV6) {
            return ipv6(f, b, p, missingFrame);
        }
        return skip("frames that are not IP (ARP and others)");
    }

    private TcpSegment ipv4(CaptureFrame f, byte[] b, int p, int missingFrame) {
        if (b.length < p + 20 || (b[p] & 0xff) >> 4 != 4) {
            return skip("IPv4 headers cut short or damaged");
        }
        int ihl = (b[p] & 0x0f) * 4;
        int total = u16(b, p + 2);
        int fragment = u16(b, p + 6);
        if (ihl < 20 || b.length < p + ihl) {
            return skip("IPv4 headers cut short or damaged");
        }
        if ((fragment & 0x3fff) != 0) {
            // MF set or a fragment offset: reassembly is not done (see class comment).
            return skip("IPv4 fragments (not reassembled)");
        }
        if ((b[p + 9] & 0xff) != 6) {
            return skip("IP packets that are not TCP (UDP, ICMP, ...)");
        }
        // Total length 0 happens with TSO on the capturing host: take the frame as it is.
        int end = total == 0 ? b.length + missingFrame : p + total;
        Endpoint src = new Endpoint(ipv4Text(b, p + 12), 0);
        Endpoint dst = new Endpoint(ipv4Text(b, p + 16), 0);
        return segment(f, b, p + ihl, end, src, dst);
    }

    private TcpSegment ipv6(CaptureFrame f, byte[] b, int p, int missingFrame) {
        if (b.length < p + 40 || (b[p] & 0xff) >> 4 != 6) {
            return skip("IPv6 headers cut short or damaged");
        }
        int payload = u16(b, p + 4);
        int next = b[p + 6] & 0xff;
        Endpoint src = new Endpoint(ipv6Text(b, p + 8), 0);
        Endpoint dst = new Endpoint(ipv6Text(b, p + 24), 0);
        int end = payload == 0 ? b.length + missingFrame : p + 40 + payload;
        int q = p + 40;
        // Extension headers (RFC 8200 §4): hop-by-hop 0, routing 43, destination options 60, mobility 135 are
        // (8 + 8n) bytes; AH 51 is (n + 2) * 4 bytes; a fragment header 44 means a fragment.
        while (next != 6) {
            if (next == 44) {
                return skip("IPv6 fragments (not reassembled)");
            }
            if (q + 2 > b.length) {
                return skip("IPv6 headers cut short or damaged");
            }
            int len;
            if (next == 0 || next == 43 || next == 60 || next == 135 || next == 139 || next == 140) {
                len = 8 + (b[q + 1] & 0xff) * 8;
            } else if (next == 51) {
                len = ((b[q + 1] & 0xff) + 2) * 4;
            } else {
                return skip("IP packets that are not TCP (UDP, ICMP, ...)");
            }
            next = b[q] & 0xff;
            q += len;
        }
        return segment(f, b, q, end, src, dst);
    }

    private TcpSegment segment(CaptureFrame f, byte[] b, int t, int ipEnd, Endpoint srcIp, Endpoint dstIp) {
        if (b.length < t + 20) {
            return skip("TCP headers cut short");
        }
        int dataOffset = ((b[t + 12] & 0xff) >> 4) * 4;
        if (dataOffset < 20 || b.length < t + dataOffset) {
            return skip("TCP headers cut short or damaged");
        }
        int start = t + dataOffset;
        int end = Math.max(start, ipEnd);
        int captured = Math.max(0, Math.min(end, b.length) - start);
        int missing = end - start - captured;
        Endpoint src = new Endpoint(srcIp.address(), u16(b, t));
        Endpoint dst = new Endpoint(dstIp.address(), u16(b, t + 2));
        return new TcpSegment(f.timeNanos(), src, dst, u32(b, t + 4), u32(b, t + 8), b[t + 13] & 0x3f, b, start,
                captured, missing, f.fileOffset());
    }

    private TcpSegment skip(String remark) {
        notes.count(remark);
        return null;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | b[p + 1] & 0xff;
    }

    private static long u32(byte[] b, int p) {
        return (long) u16(b, p) << 16 | u16(b, p + 2);
    }

    private static String ipv4Text(byte[] b, int p) {
        return (b[p] & 0xff) + "." + (b[p + 1] & 0xff) + "." + (b[p + 2] & 0xff) + "." + (b[p + 3] & 0xff);
    }

    /** IPv6 text as RFC 5952 §4 recommends: lower-case hex, no leading zeros, the longest zero run as "::". */
    static String ipv6Text(byte[] b, int p) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = u16(b, p + 2 * i);
        }
        int bestAt = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestAt = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestAt) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }
}

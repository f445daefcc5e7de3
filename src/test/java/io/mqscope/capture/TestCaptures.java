package io.mqscope.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Builds capture files byte by byte for the edge cases no tool writes on purpose. */
final class TestCaptures {
    static final byte[] CLIENT_V4 = {(byte) 192, 0, 2, 10};
    static final byte[] SERVER_V4 = {(byte) 192, 0, 2, 1};

    /** One frame of a hand-built capture. */
    record Frame(long timeNanos, byte[] data, int originalLength) {
        Frame(long timeNanos, byte[] data) {
            this(timeNanos, data, data.length);
        }
    }

    private TestCaptures() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A TCP segment (no options) inside IPv4 or IPv6 (by address length), no link header. */
    static byte[] ip(byte[] src, int sport, byte[] dst, int dport, long seq, long ack, int flags, byte[] data) {
        ByteBuffer tcp = ByteBuffer.allocate(20 + data.length);
        tcp.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putInt(0).put(data);
        if (src.length == 4) {
            ByteBuffer ip = ByteBuffer.allocate(20 + tcp.capacity());
            ip.put((byte) 0x45).put((byte) 0).putShort((short) ip.capacity()).putShort((short) 1)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst)
                    .put(tcp.array());
            return ip.array();
        }
        // IPv6 with one hop-by-hop extension header (8 bytes of padding options) before TCP.
        ByteBuffer ip = ByteBuffer.allocate(40 + 8 + tcp.capacity());
        ip.putInt(0x60000000).putShort((short) (8 + tcp.capacity())).put((byte) 0).put((byte) 64).put(src).put(dst)
                .put((byte) 6).put((byte) 0).put(new byte[] {1, 4, 0, 0, 0, 0}).put(tcp.array());
        return ip.array();
    }

    static byte[] ethernet(byte[] ip, boolean vlan) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan ? 4 : 0) + ip.length);
        b.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        if (vlan) {
            b.putShort((short) 0x8100).putShort((short) 42);
        }
        b.putShort((short) ((ip[0] & 0xf0) == 0x60 ? 0x86DD : 0x0800)).put(ip);
        return b.array();
    }

    static byte[] sll2(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) ((ip[0] & 0xf0) == 0x60 ? 0x86DD : 0x0800)).putShort((short) 0).putInt(1)
                .putShort((short) 772).put((byte) 0).put((byte) 6).put(new byte[8]).put(ip);
        return b.array();
    }

    static byte[] sll(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8])
                .putShort((short) ((ip[0] & 0xf0) == 0x60 ? 0x86DD : 0x0800)).put(ip);
        return b.array();
    }

    static byte[] bsdNull(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((ip[0] & 0xf0) == 0x60 ? 30 : 2).put(ip);
        return b.array();
    }

    /** Classic pcap in either byte order, micro- or nanosecond timestamps. */
    static byte[] pcap(boolean bigEndian, boolean nanos, int linkType, int snaplen, List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType);
        out.writeBytes(h.array());
        for (Frame f : frames) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long sec = f.timeNanos() / 1_000_000_000L;
            long frac = f.timeNanos() % 1_000_000_000L;
            r.putInt((int) sec).putInt((int) (nanos ? frac : frac / 1000)).putInt(f.data().length)
                    .putInt(f.originalLength());
            out.writeBytes(r.array());
            out.writeBytes(f.data());
        }
        return out.toByteArray();
    }

    /** pcapng: one section in the given byte order, one interface per link type, frames as (interface, frame). */
    static byte[] pcapng(boolean bigEndian, int[] linkTypes, List<Frame> frames, List<Integer> interfaceOf,
                         List<byte[]> extraBlocksAfterIdb) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(order);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)
                .putInt(28);
        out.writeBytes(shb.array());
        for (int k = 0; k < linkTypes.length; k++) {
            int lt = linkTypes[k];
            // if_tsresol 9 on every interface but the first (microseconds by default).
            boolean ns = k > 0;
            ByteBuffer idb = ByteBuffer.allocate(ns ? 32 : 20).order(order);
            idb.putInt(1).putInt(idb.capacity()).putShort((short) lt).putShort((short) 0).putInt(0);
            if (ns) {
                idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0);
            }
            idb.putInt(idb.capacity());
            out.writeBytes(idb.array());
        }
        for (byte[] extra : extraBlocksAfterIdb) {
            out.writeBytes(extra);
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            int iface = interfaceOf.get(i);
            boolean ns = iface > 0;
            long ts = ns ? f.timeNanos() : f.timeNanos() / 1000;
            int padded = f.data().length + 3 & ~3;
            ByteBuffer epb = ByteBuffer.allocate(32 + padded).order(order);
            epb.putInt(6).putInt(epb.capacity()).putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts)
                    .putInt(f.data().length).putInt(f.originalLength()).put(f.data())
                    .put(new byte[padded - f.data().length]).putInt(epb.capacity());
            out.writeBytes(epb.array());
        }
        return out.toByteArray();
    }

    /** A client and server talking over one TCP connection, frames with explicit sequence numbers. */
    static final class Conv {
        final byte[] clientIp;
        final byte[] serverIp;
        final int clientPort;
        final int serverPort;
        long clientSeq = 100;
        long serverSeq = 9000;
        long time = 1_700_000_000_000_000_000L;
        final List<byte[]> ips = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        Conv(byte[] clientIp, int clientPort, byte[] serverIp, int serverPort) {
            this.clientIp = clientIp;
            this.serverIp = serverIp;
            this.clientPort = clientPort;
            this.serverPort = serverPort;
        }

        Conv handshake() {
            add(true, clientSeq - 1, 0x02, new byte[0]);
            add(false, serverSeq - 1, 0x12, new byte[0]);
            add(true, clientSeq, 0x10, new byte[0]);
            return this;
        }

        /** Sends data at the current sequence number and advances it. */
        Conv send(boolean fromClient, byte[] data) {
            long seq = fromClient ? clientSeq : serverSeq;
            add(fromClient, seq, 0x18, data);
            if (fromClient) {
                clientSeq += data.length;
            } else {
                serverSeq += data.length;
            }
            return this;
        }

        /** A segment at an explicit sequence number (does not advance). */
        Conv at(boolean fromClient, long seq, byte[] data) {
            return add(fromClient, seq, 0x18, data);
        }

        Conv fin(boolean fromClient) {
            add(fromClient, fromClient ? clientSeq : serverSeq, 0x11, new byte[0]);
            return this;
        }

        Conv add(boolean fromClient, long seq, int flags, byte[] data) {
            time += 100_000;
            times.add(time);
            ips.add(fromClient ? ip(clientIp, clientPort, serverIp, serverPort, seq, serverSeq, flags, data)
                    : ip(serverIp, serverPort, clientIp, clientPort, seq, clientSeq, flags, data));
            return this;
        }

        List<Frame> frames(java.util.function.UnaryOperator<byte[]> link) {
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < ips.size(); i++) {
                out.add(new Frame(times.get(i), link.apply(ips.get(i))));
            }
            return out;
        }
    }
}

package io.mqscope.capture;

/**
 * A TCP segment taken out of a frame. The payload is a view into the frame's bytes.
 *
 * @param missing payload bytes the IP length announces but the capture cut (snaplen)
 */
record TcpSegment(long timeNanos, Endpoint src, Endpoint dst, long seq, long ack, int flags, byte[] data,
                  int dataOffset, int dataLength, int missing, long fileOffset) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}

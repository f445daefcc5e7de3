package io.mqscope.capture;

/**
 * One captured link-layer frame as a capture file stores it.
 *
 * @param interfaceId    pcapng interface (0 for classic pcap)
 * @param linkType       LINKTYPE_ value of the interface (tcpdump.org/linktypes.html)
 * @param timeNanos      capture time in nanoseconds since the epoch (0 when the format stores none, e.g. an SPB)
 * @param originalLength length of the frame on the wire; more than {@code data.length} when cut by the snaplen
 * @param data           the captured bytes
 * @param fileOffset     offset of the record or block in the file
 */
record CaptureFrame(int interfaceId, int linkType, long timeNanos, int originalLength, byte[] data,
                           long fileOffset) {
}

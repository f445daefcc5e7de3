/**
 * Capture files: pcap and pcapng reading (link layers, IPv4/IPv6, TCP reassembly, WebSocket, TLS detection) into
 * MQTT conversations decoded by {@link io.mqscope.wire.StreamDecoder}, and pcapng writing with findings as packet
 * comments.
 *
 * <p>Why hand-written: the only maintained Java capture library, pcap4j, reads files through native libpcap
 * (a JNA binding), which a desktop app cannot count on finding on Windows or macOS; no pure-Java pcapng reader on
 * Maven Central is maintained (the few that exist stopped years ago and handle neither both byte orders nor
 * per-interface timestamp resolution). The formats are small: classic pcap is a 24-byte header and 16-byte record
 * headers (pcap-savefile(5)); pcapng is the block structure of draft-ietf-opsawg-pcapng. TCP reassembly would be
 * ours with any library, since none resynchronises a decoder after a gap.
 *
 * <p>Depends only on {@code io.mqscope.wire} and {@code java..}.
 */
package io.mqscope.capture;

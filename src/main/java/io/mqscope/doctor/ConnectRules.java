package io.mqscope.doctor;

import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Field;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.PacketType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code connack.refused}, {@code session.not_resumed} and {@code session.expired}: what the CONNACK says. */
final class ConnectRules implements RuleGroup {
    /** 5.0 §3.2.2.2: the CONNACK reason codes that have words of their own. */
    private static final Set<Integer> V5_CODES = Set.of(0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
            0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F);

    private final Tracks tracks;
    /** When each refusal (client id, code, credentials) was last told: a client retrying is told once a window. */
    private final Map<String, Long> refusalsTold = new HashMap<>();

    ConnectRules(Tracks tracks) {
        this.tracks = tracks;
    }

    @Override
    public void packet(Track t, Observation.Packet p, List<Insight> out) {
        if (p.packet().type() != PacketType.CONNACK || t.connack != p) {
            return;
        }
        if (t.connackCode > 0) {
            if (firstRefusal(t, p.nanos())) {
                out.add(refused(t, p));
            }
        } else if (t.connackCode == 0 && t.connect != null && !t.cleanStart && !t.sessionPresent) {
            notResumed(t, p, out);
        }
    }

    /**
     * Whether this refusal is new: mqtt.js and most libraries retry the same CONNECT every second or so, and each
     * refusal is the same sentence; the storm insight counts the retries (a live list must not grow per retry).
     */
    private boolean firstRefusal(Track t, long now) {
        long window = tracks.settings.stormWindow().toNanos();
        String key = clientId(t) + '|' + t.peer + '|' + t.connackCode + '|'
                + (t.connect == null ? "" : credentials(t.connect.packet()));
        if (refusalsTold.size() > 1000) {
            refusalsTold.values().removeIf(at -> now - at > window);
        }
        Long told = refusalsTold.get(key);
        if (told != null && now - told <= window) {
            return false;
        }
        refusalsTold.put(key, now);
        return true;
    }

    private static Insight refused(Track t, Observation.Packet p) {
        int code = t.connackCode;
        boolean v5 = p.packet().protocolVersion() == 5 || Fields.has(p.packet(), FieldName.REASON_CODE);
        // 3.1.1 return codes 1-5 mean what the 5.0 reason codes 0x84, 0x85, 0x88, 0x86, 0x87 mean (5.0 §3.2.2.2)
        int meaning = v5 ? code : switch (code) {
            case 1 -> 0x84;
            case 2 -> 0x85;
            case 3 -> 0x88;
            case 4 -> 0x86;
            case 5 -> 0x87;
            default -> -1;
        };
        String shown = v5 ? Fields.hex(code) : String.valueOf(code);
        String key = V5_CODES.contains(meaning) ? "connack.refused." + Fields.hex(meaning) : "connack.refused.other";
        List<Words> message = new ArrayList<>();
        message.add(Words.of(key, shown, clientId(t)));
        List<PacketRef> refs = new ArrayList<>();
        if (t.connect != null) {
            message.add(credentials(t.connect.packet()));
            refs.add(t.connect.ref());
        }
        refs.add(p.ref());
        Vendors vendor = Vendors.of(t.host);
        if (vendor != null && (meaning == 0x86 || meaning == 0x87 || meaning == 0x85 || meaning == 0x8C)) {
            message.add(vendor.connack());
        }
        return new Insight(DoctorRule.CONNACK_REFUSED, DoctorRule.CONNACK_REFUSED.severity(), List.of(t.conn), refs,
                message, Words.of(key + ".fix"), p.nanos());
    }

    /** Which credentials the CONNECT carried, in one sentence (the password's length only, never its bytes). */
    static Words credentials(DecodedPacket connect) {
        boolean user = Fields.flag(connect, FieldName.USERNAME_FLAG);
        boolean pass = Fields.flag(connect, FieldName.PASSWORD_FLAG);
        String name = Fields.text(connect, FieldName.USERNAME);
        Field pw = Field.find(connect.fields(), FieldName.PASSWORD);
        int pwLength = pw == null ? 0 : Math.max(0, pw.length() - 2);
        if (!user && !pass) {
            return Words.of("connack.sent.nothing");
        }
        if (!pass) {
            return Words.of("connack.sent.username_only", name);
        }
        if (!user) {
            return Words.of("connack.sent.password_only", pwLength);
        }
        return pwLength == 0 ? Words.of("connack.sent.empty_password", name)
                : Words.of("connack.sent.both", name, pwLength);
    }

    /**
     * 3.1.1 §3.2.2.2, 5.0 §3.2.2.1.1: a client that asked to resume (clean session/start 0) got Session Present 0.
     * Only on a reconnect: the first connection of a client id has nothing to resume.
     */
    private void notResumed(Track t, Observation.Packet p, List<Insight> out) {
        Track before = null;
        for (Track other : tracks.sameClientId(t)) {
            if (!other.open() && other.accepted() && other.closedAt <= p.nanos()
                    && (before == null || other.closedAt > before.closedAt)) {
                before = other;
            }
        }
        if (before == null || before.version != 5 && before.cleanStart) {
            return; // 3.1.1: a clean session ends with its connection; nothing was kept to resume
        }
        List<String> conns = List.of(before.conn, t.conn);
        List<PacketRef> refs = List.of(before.connect.ref(), t.connect.ref(), p.ref());
        if (before.version == 5) {
            long expiry = before.sessionExpiry;
            long gone = (t.connect.nanos() - before.closedAt) / 1_000_000_000L;
            if (expiry == 0) {
                out.add(Insight.of(DoctorRule.SESSION_EXPIRED, conns, refs, Words.of("session.expired.zero.fix"),
                        p.nanos(), Words.of("session.expired.zero", t.clientId, before.conn)));
                return;
            }
            if (expiry != 0xFFFFFFFFL && gone >= expiry) {
                out.add(Insight.of(DoctorRule.SESSION_EXPIRED, conns, refs, Words.of("session.expired.elapsed.fix"),
                        p.nanos(), Words.of("session.expired.elapsed", t.clientId, expiry, gone)));
                return;
            }
        }
        out.add(Insight.of(DoctorRule.SESSION_NOT_RESUMED, conns, refs, Words.of("session.not_resumed.fix"),
                p.nanos(), Words.of("session.not_resumed", t.clientId, before.conn, t.conn)));
    }

    static String clientId(Track t) {
        return t.clientId == null ? "?" : t.clientId.isEmpty() ? "\"\"" : t.clientId;
    }
}

package io.mqscope.store;

import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.session.MessageProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's MQTT 5 properties (5.0 §3.3.2.3) as the history stores them: a small binary form, so correlation data
 * stays bytes and a restored message carries what it arrived with. A flag byte says which fields follow; strings are
 * length-prefixed UTF-8.
 */
final class HistoryProperties {
    private static final int UTF8 = 1;
    private static final int EXPIRY = 2;
    private static final int ALIAS = 4;
    private static final int RESPONSE = 8;
    private static final int CORRELATION = 16;
    private static final int CONTENT_TYPE = 32;
    private static final int USER = 64;
    private static final int SUBSCRIPTION_IDS = 128;

    private HistoryProperties() {
    }

    /** The stored form, or null when the message has no properties. */
    static byte[] encode(MessageProperties p) {
        if (p == null || p.equals(MessageProperties.NONE) || isEmpty(p)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            int flags = (p.payloadIsUtf8() != null ? UTF8 : 0) | (p.messageExpirySeconds() != null ? EXPIRY : 0)
                    | (p.topicAlias() != null ? ALIAS : 0) | (p.responseTopic() != null ? RESPONSE : 0)
                    | (p.correlationData() != null ? CORRELATION : 0) | (p.contentType() != null ? CONTENT_TYPE : 0)
                    | (!p.userProperties().isEmpty() ? USER : 0)
                    | (!p.subscriptionIdentifiers().isEmpty() ? SUBSCRIPTION_IDS : 0);
            out.writeByte(flags);
            if (p.payloadIsUtf8() != null) {
                out.writeBoolean(p.payloadIsUtf8());
            }
            if (p.messageExpirySeconds() != null) {
                out.writeLong(p.messageExpirySeconds());
            }
            if (p.topicAlias() != null) {
                out.writeInt(p.topicAlias());
            }
            if (p.responseTopic() != null) {
                text(out, p.responseTopic());
            }
            if (p.correlationData() != null) {
                out.writeInt(p.correlationData().length);
                out.write(p.correlationData());
            }
            if (p.contentType() != null) {
                text(out, p.contentType());
            }
            if (!p.userProperties().isEmpty()) {
                out.writeInt(p.userProperties().size());
                for (UserProperty u : p.userProperties()) {
                    text(out, u.name());
                    text(out, u.value());
                }
            }
            if (!p.subscriptionIdentifiers().isEmpty()) {
                out.writeInt(p.subscriptionIdentifiers().size());
                for (Integer id : p.subscriptionIdentifiers()) {
                    out.writeInt(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static boolean isEmpty(MessageProperties p) {
        return p.payloadIsUtf8() == null && p.messageExpirySeconds() == null && p.topicAlias() == null
                && p.responseTopic() == null && p.correlationData() == null && p.contentType() == null
                && p.userProperties().isEmpty() && p.subscriptionIdentifiers().isEmpty();
    }

    /** The properties again; {@link MessageProperties#NONE} for null or a form that cannot be read. */
    static MessageProperties decode(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return MessageProperties.NONE;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int f = in.readUnsignedByte();
            Boolean utf8 = (f & UTF8) != 0 ? in.readBoolean() : null;
            Long expiry = (f & EXPIRY) != 0 ? in.readLong() : null;
            Integer alias = (f & ALIAS) != 0 ? in.readInt() : null;
            String response = (f & RESPONSE) != 0 ? text(in) : null;
            byte[] correlation = null;
            if ((f & CORRELATION) != 0) {
                correlation = in.readNBytes(in.readInt());
            }
            String contentType = (f & CONTENT_TYPE) != 0 ? text(in) : null;
            List<UserProperty> user = new ArrayList<>();
            if ((f & USER) != 0) {
                for (int i = in.readInt(); i > 0; i--) {
                    user.add(new UserProperty(text(in), text(in)));
                }
            }
            List<Integer> ids = new ArrayList<>();
            if ((f & SUBSCRIPTION_IDS) != 0) {
                for (int i = in.readInt(); i > 0; i--) {
                    ids.add(in.readInt());
                }
            }
            return new MessageProperties(utf8, expiry, alias, response, correlation, contentType, user, ids);
        } catch (IOException | RuntimeException e) {
            return MessageProperties.NONE;
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}

package io.mqscope.session;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.SavedSubscription;
import io.mqscope.profile.Transport;
import java.util.concurrent.TimeUnit;

final class SessionFixtures {
    private SessionFixtures() {
    }

    /** A UTC clock for tests that decide what {@link java.time.Clock#instant()} answers. */
    abstract static class TestClock extends java.time.Clock {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static Profile profile(Transport transport, int port, MqttVersion version) {
        return Profile.builder().transport(transport).host("127.0.0.1").port(port).mqttVersion(version)
                .clientId("test").connectTimeoutSeconds(5).build();
    }

    static SavedSubscription sub(String filter, int qos) {
        return new SavedSubscription(filter, qos, false, false, 0, null, null, null);
    }

    static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** All 256 byte values followed by some random bytes: any text decoding on the way would change them. */
    static byte[] binaryPayload(int seed) {
        byte[] b = new byte[256 + 64];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        new java.util.Random(seed).ints(64).forEach(new java.util.function.IntConsumer() {
            int k = 256;

            @Override
            public void accept(int v) {
                b[k++] = (byte) v;
            }
        });
        return b;
    }
}

package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.MqttVersion;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import io.mqscope.tap.Stage;
import io.mqscope.testing.Mosquitto;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed session reports the check's verdict (stage, cause and fix keys) on its FAILED state change and on the
 * exception, for the desktop app to render in the user's language: real mosquitto listeners, through the relay.
 */
@ExtendWith(Mosquitto.class)
class SessionVerdictTest {
    @RegisterExtension
    final OpenSessions sessions = new OpenSessions();

    private StateChange failed(Profile p) {
        return sessions.failToConnect(p);
    }

    @Test
    void aTcpClientAtAWebSocketPortIsToldThePortSpeaksHttp(Mosquitto m) {
        Profile p = SessionFixtures.profile(Transport.TCP, m.wsPort, MqttVersion.V3_1_1).toBuilder()
                .reconnect(new Profile.Reconnect(false, 1000, 1000)).build();
        StateChange c = failed(p);
        assertThat(c.failure()).isNotNull();
        assertThat(c.failure().stage()).isEqualTo(Stage.MQTT);
        assertThat(c.failure().causeKey()).isEqualTo("mqtt.port_speaks_http.cause");
        assertThat(c.failure().cause(Locale.ENGLISH)).contains("speaks HTTP (WebSocket)");
        assertThat(c.failure().fix(Locale.SIMPLIFIED_CHINESE)).contains("ws://");
        // the technical line stays for the details pane
        assertThat(c.reason()).contains("decoding");
    }

    @Test
    void aWrongPasswordNamesTheUserNotTheAcl(Mosquitto m) {
        Profile p = SessionFixtures.profile(Transport.TCP, m.authPort, MqttVersion.V3_1_1).toBuilder()
                .username(Mosquitto.USERNAME).password("wrong").reconnect(new Profile.Reconnect(false, 1000, 1000))
                .build();
        StateChange c = failed(p);
        assertThat(c.failure().causeKey()).isEqualTo("mqtt.not_authorized.cause");
        assertThat(c.failure().render(Locale.ENGLISH)).contains("refused user " + Mosquitto.USERNAME
                + " (a password was sent)").contains("fix: Check the password for user " + Mosquitto.USERNAME);
    }
}

package io.mqscope.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import io.mqscope.profile.ProfileUrl;
import io.mqscope.session.Session;
import io.mqscope.session.SessionListener;
import io.mqscope.session.Sessions;
import io.mqscope.testing.Mosquitto;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.Backend;
import io.mqscope.ui.app.ProfileRepository;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.connections.ConnectionEntry;
import io.mqscope.ui.connections.ConnectionsViewModel;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connecting with "trust any certificate" still says what the skipped checks found, as a phone would hit it. */
@ExtendWith(Mosquitto.class)
class InsecureConnectWarningTest {
    @Test
    void trustAnyCertificateWarnsWithTheCertificateProblem(Mosquitto m) {
        I18n.setLocale(Locale.ENGLISH);
        Backend backend = new Backend() {
            @Override
            public Session open(Profile profile, SessionListener listener) {
                return Sessions.open(profile, listener);
            }

            @Override
            public int startLocalBroker() {
                throw new IllegalStateException("not in this test");
            }
        };
        ProfileRepository none = new ProfileRepository() {
            @Override
            public List<Profile> load() {
                return List.of();
            }

            @Override
            public void save(List<Profile> profiles) {
                // nothing kept
            }
        };
        ConnectionsViewModel vm = new ConnectionsViewModel(backend, none, TaskExecutor.sameThread(), 100, 100);
        Profile p = ProfileUrl.parse("mqtts://localhost:" + m.tlsPort, Profile.builder().name("Insecure box")
                .clientId("mqscope-insecure-ui").tls(new Profile.TlsSettings(null, null, null, null, null, List.of(),
                        false, true)).build()).value();
        ConnectionEntry e = vm.put(p);
        try {
            vm.connect(e);
            assertThat(vm.errorProperty().get()).startsWith("Insecure box trusts any certificate")
                    .contains("MQScope Test CA").contains("will reject");
        } finally {
            vm.shutdown();
        }
    }
}

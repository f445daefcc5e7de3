package io.mqscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.profile.Profile;
import org.junit.jupiter.api.Test;

/** How the session words the relay's WebSocket-stage failures. */
class SessionReasonsTest {
    static Profile ws(String path) {
        return Profile.builder().host("h").port(1).wsPath(path).build();
    }

    static String reason(String detail, Profile p) {
        return ErrorTranslator.webSocket(detail, p, null).reason();
    }

    @Test
    void a_stalled_upgrade_names_the_path_and_suggests_mqtt() {
        assertThat(reason("no progress within 2 s during the WEBSOCKET stage with h:1",
                ws("/wrong"))).isEqualTo("the broker did not answer the WebSocket upgrade for path '/wrong' (wrong"
                + " path? try /mqtt); relay: no progress within 2 s during the WEBSOCKET stage with h:1");
        assertThat(reason("no progress within 2 s", ws("mqtt")))
                .startsWith("the broker did not answer the WebSocket upgrade for path '/mqtt' (wrong path? check");
    }

    @Test
    void a_detail_that_names_the_path_is_kept_verbatim() {
        String d = "the broker at h:1 closed the connection during the WEBSOCKET stage without answering the upgrade"
                + " request for path '/x' (wrong WebSocket path, or not a WebSocket port)";
        assertThat(reason(d, ws("/x"))).isEqualTo(d);
    }

    @Test
    void other_details_get_the_path_appended() {
        assertThat(reason("WebSocket upgrade refused: HTTP/1.1 404 Not Found", ws(null)))
                .isEqualTo("WebSocket upgrade refused: HTTP/1.1 404 Not Found (WebSocket path '/')");
    }
}

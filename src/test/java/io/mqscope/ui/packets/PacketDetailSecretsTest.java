package io.mqscope.ui.packets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.tap.PacketEvent;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.wire.DecodedPacket;
import io.mqscope.wire.Direction;
import io.mqscope.wire.Field;
import io.mqscope.wire.FieldName;
import io.mqscope.wire.StreamDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 8: the packet inspector and its export hide a CONNECT password until "show" is ticked. */
class PacketDetailSecretsTest {
    /** CONNECT 3.1.1: client id "c", user "u", password "s3cret" (bytes 20..25: the dump's mid-line gap inside). */
    private static final String HEX = "101800044d51545404c2003c0001630001750006733363726574";

    private static DecodedPacket connect() {
        return new StreamDecoder(Direction.CLIENT_TO_BROKER, 4).feed(HexFormat.of().parseHex(HEX)).get(0);
    }

    @Test
    void the_dump_and_the_field_hide_the_password_until_shown() {
        PacketDetailViewModel vm = new PacketDetailViewModel();
        DecodedPacket p = connect();
        vm.packetProperty().set(p);
        Field pw = Field.find(p.fields(), FieldName.PASSWORD);
        assertThat(vm.hasSecretProperty().get()).isTrue();
        assertThat(vm.showSecretsProperty().get()).isFalse();
        assertThat(vm.dumpProperty().get().text()).contains("** ** ** **  ** **").contains("******")
                .doesNotContain("73 33 63").doesNotContain("s3cret");
        assertThat(vm.describe(pw)).startsWith("password = *** (6 bytes)").doesNotContain("733363726574");

        vm.showSecretsProperty().set(true);
        assertThat(vm.dumpProperty().get().text()).contains("73 33 63 72  65 74").contains("s3cret");
        assertThat(vm.describe(pw)).contains("733363726574");

        // The next packet starts hidden again.
        vm.packetProperty().set(connect());
        assertThat(vm.showSecretsProperty().get()).isFalse();
        assertThat(vm.dumpProperty().get().text()).doesNotContain("s3cret");
    }

    @Test
    void the_export_follows_the_toggle(@TempDir Path dir) throws Exception {
        PacketsViewModel vm = new PacketsViewModel(100, TaskExecutor.sameThread());
        vm.setSource(() -> List.of(new PacketEvent("c", 0, Instant.EPOCH, Direction.CLIENT_TO_BROKER, connect())),
                () -> { });
        Path hidden = dir.resolve("hidden.jsonl");
        vm.exportJsonLines(hidden, false);
        assertThat(Files.readString(hidden, StandardCharsets.UTF_8)).doesNotContain("s3cret")
                .doesNotContain("733363726574").contains("************");
        Path shown = dir.resolve("shown.jsonl");
        vm.exportJsonLines(shown, true);
        assertThat(Files.readString(shown, StandardCharsets.UTF_8)).contains("s3cret").contains("733363726574");
    }
}

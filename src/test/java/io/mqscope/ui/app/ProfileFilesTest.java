package io.mqscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mqscope.profile.Profile;
import io.mqscope.profile.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFilesTest {

    @Test
    void profiles_export_and_import_through_the_exchange_format(@TempDir Path dir) throws Exception {
        Profile a = Profile.builder().id("a").name("A").host("h1").password("secret").build();
        Profile b = Profile.builder().id("b").name("B").host("h2").transport(Transport.WSS).port(8084).build();
        Path f = dir.resolve("x.json");
        ProfileFiles.write(f, List.of(a, b));
        assertThat(Files.readString(f)).doesNotContain("\"secret\"");
        List<Profile> back = ProfileFiles.read(f).profiles();
        assertThat(back).extracting(Profile::name).containsExactly("A", "B");
        assertThat(back.get(1).transport()).isEqualTo(Transport.WSS);
        Files.writeString(f, "{\n  \"format\": ");
        assertThat(catchThrowable(() -> ProfileFiles.read(f)))
                .isInstanceOf(IOException.class).hasMessageContaining("x.json:2:");
    }
}

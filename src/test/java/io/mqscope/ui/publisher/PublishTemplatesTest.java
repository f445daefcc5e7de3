package io.mqscope.ui.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.payload.PayloadFormat;
import io.mqscope.ui.app.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates: saved per connection or for all, applied back to the fields, exported and imported as JSON. */
class PublishTemplatesTest {

    @Test
    void save_apply_scope_export_and_import(@TempDir Path dir) throws Exception {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        vm.templates().connectionProperty().set("plant");
        vm.topicProperty().set("dev/{{seq}}");
        vm.formatProperty().set(PayloadFormat.JSON);
        vm.payloadProperty().set("{\"n\": {{seq}}}");
        vm.qosProperty().set(2);
        vm.retainProperty().set(true);
        vm.contentTypeProperty().set("application/json");
        vm.userPropertiesProperty().set("unit=C");
        assertThat(vm.saveTemplate("reading", true)).isTrue();
        vm.topicProperty().set("all/x");
        assertThat(vm.saveTemplate("everywhere", false)).isTrue();
        assertThat(vm.saveTemplate(" ", false)).isFalse();
        assertThat(vm.templates().offered()).extracting(PublishTemplate::name).containsExactly("everywhere",
                "reading");
        // another connection sees only the global one
        vm.templates().connectionProperty().set("other");
        assertThat(vm.templates().offered()).extracting(PublishTemplate::name).containsExactly("everywhere");

        Path file = dir.resolve("t.json");
        vm.exportTemplates(file.toFile());
        assertThat(Files.readString(file)).contains("\"name\" : \"reading\"", "\"connection\" : \"plant\"",
                "\"payload\" : \"{\\\"n\\\": {{seq}}}\"");
        PublisherViewModel other = new PublisherViewModel(TaskExecutor.sameThread());
        other.templates().connectionProperty().set("plant");
        other.importTemplates(file.toFile());
        PublishTemplate reading = other.templates().offered().stream().filter(t -> t.name().equals("reading"))
                .findFirst().orElseThrow();
        other.apply(reading);
        assertThat(other.topicProperty().get()).isEqualTo("dev/{{seq}}");
        assertThat(other.formatProperty().get()).isEqualTo(PayloadFormat.JSON);
        assertThat(other.qosProperty().get()).isEqualTo(2);
        assertThat(other.retainProperty().get()).isTrue();
        assertThat(other.contentTypeProperty().get()).isEqualTo("application/json");
        assertThat(other.userPropertiesProperty().get()).isEqualTo("unit=C");
        assertThat(other.request().topic()).isEqualTo("dev/1");
        assertThat(new String(other.request().payload())).isEqualTo("{\"n\": 1}");

        // kept in a file: what is saved is there for the next start
        Path kept = dir.resolve("templates.json");
        PublisherViewModel first = new PublisherViewModel(TaskExecutor.sameThread());
        first.templates().useFile(kept);
        first.topicProperty().set("a/b");
        first.saveTemplate("kept", false);
        PublisherViewModel next = new PublisherViewModel(TaskExecutor.sameThread());
        next.templates().useFile(kept);
        assertThat(next.templates().all()).extracting(PublishTemplate::topic).containsExactly("a/b");
    }

    @Test
    void copy_as_code_uses_the_active_profile_and_the_publisher_topic() {
        PublisherViewModel vm = new PublisherViewModel(TaskExecutor.sameThread());
        assertThat(vm.snippet(io.mqscope.profile.Snippet.Target.NODE, false)).isNull();
        vm.profileProperty().set(io.mqscope.profile.Profile.builder().name("p").host("broker.example.com")
                .port(1883).username("u").password("secret").build());
        vm.topicProperty().set("plant/a");
        String js = vm.snippet(io.mqscope.profile.Snippet.Target.NODE, false);
        assertThat(js).contains("mqtt.connect('mqtt://broker.example.com:1883'", "const topic = 'plant/a'",
                "password: process.env.MQTT_PASSWORD").doesNotContain("secret");
        assertThat(vm.snippet(io.mqscope.profile.Snippet.Target.NODE, true)).contains("password: 'secret'");
    }
}

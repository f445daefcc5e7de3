package io.mqscope.ui.publisher;

import io.mqscope.ui.TopicText;
import io.mqscope.payload.JsonText;
import io.mqscope.payload.ParseResult;
import io.mqscope.payload.PayloadCodec;
import io.mqscope.payload.PayloadFormat;
import io.mqscope.payload.TextCharset;
import io.mqscope.profile.Profile;
import io.mqscope.profile.Profile.UserProperty;
import io.mqscope.profile.Snippet;
import io.mqscope.session.MessageProperties;
import io.mqscope.session.PublishRequest;
import io.mqscope.ui.I18n;
import io.mqscope.ui.app.BackgroundTask;
import io.mqscope.ui.app.TaskExecutor;
import io.mqscope.ui.messages.ProtoSchemaModel;
import io.mqscope.payload.Placeholders;
import java.io.File;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The publisher: topic, QoS, retain, MQTT 5 properties and a payload typed as text, JSON, hex or base64. Input is
 * validated as it is typed; nothing is sent while anything is invalid.
 */
public final class PublisherViewModel {
    /** A payload as it was sent, for the history. */
    public record Sent(String topic, PayloadFormat format, String text) {
        @Override
        public String toString() {
            String t = text.replace('\n', ' ');
            return topic + "  [" + format.name().toLowerCase(java.util.Locale.ROOT) + "]  "
                    + (t.length() > 60 ? t.substring(0, 60) + "…" : t);
        }
    }

    public static final int HISTORY = 50;

    private final StringProperty topic = new SimpleStringProperty("");
    private final IntegerProperty qos = new SimpleIntegerProperty(0);
    private final BooleanProperty retain = new SimpleBooleanProperty();
    private final ObjectProperty<PayloadFormat> format = new SimpleObjectProperty<>(PayloadFormat.TEXT);
    private final ObjectProperty<TextCharset> charset = new SimpleObjectProperty<>(TextCharset.UTF_8);
    private final StringProperty payload = new SimpleStringProperty("");
    private final BooleanProperty mqtt5 = new SimpleBooleanProperty();
    private final StringProperty contentType = new SimpleStringProperty("");
    private final StringProperty responseTopic = new SimpleStringProperty("");
    private final StringProperty correlationData = new SimpleStringProperty("");
    private final StringProperty messageExpiry = new SimpleStringProperty("");
    private final BooleanProperty payloadIsUtf8 = new SimpleBooleanProperty();
    private final StringProperty userProperties = new SimpleStringProperty("");

    private final StringProperty topicError = new SimpleStringProperty("");
    private final StringProperty payloadError = new SimpleStringProperty("");
    /** Character index of the bad character in the payload text, -1 when none. */
    private final IntegerProperty payloadErrorPosition = new SimpleIntegerProperty(-1);
    private final StringProperty propertiesError = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty connected = new SimpleBooleanProperty();
    private final BooleanBinding canSend;
    private final ObservableList<Sent> history = FXCollections.observableArrayList();

    private Function<PublishRequest, CompletableFuture<Void>> target = r -> CompletableFuture.failedFuture(
            new IllegalStateException(I18n.t("publisher.notConnected")));

    private final TaskExecutor tasks;
    private final ProtoSchemaModel proto;
    private final TimedPublishViewModel timed;
    private final PublishTemplates templates;
    private final PayloadFromFile fromFile;
    /** The active connection's profile, for "Copy as code". */
    private final ObjectProperty<Profile> profile = new SimpleObjectProperty<>();

    public PublisherViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        this.proto = new ProtoSchemaModel(tasks);
        proto.choiceProperty().addListener((o, a, b) -> validatePayload());
        this.timed = new TimedPublishViewModel(this, tasks);
        this.templates = new PublishTemplates(tasks);
        this.fromFile = new PayloadFromFile(tasks, format, payload, charset, status, this::validatePayload);
        connected.addListener((o, was, is) -> {
            if (!is) {
                timed.stop(I18n.t("timed.disconnected"));
            }
        });
        topic.addListener((o, a, b) -> validateTopic());
        topic.addListener((o, a, b) -> SparkplugPublishFormat.follow(b, format));
        payload.addListener((o, a, b) -> validatePayload());
        format.addListener((o, a, b) -> validatePayload());
        charset.addListener((o, a, b) -> validatePayload());
        for (StringProperty p : List.of(contentType, responseTopic, correlationData, messageExpiry, userProperties)) {
            p.addListener((o, a, b) -> validateProperties());
        }
        mqtt5.addListener((o, a, b) -> validateProperties());
        // "Nothing sent: fix the marked input first" goes once the marked input is fixed (issue 14 item 17)
        javafx.beans.InvalidationListener stale = o -> {
            if (status.get().equals(I18n.t("publisher.invalid")) && topicError.get().isEmpty()
                    && payloadError.get().isEmpty() && propertiesError.get().isEmpty()) {
                status.set("");
            }
        };
        topicError.addListener(stale);
        payloadError.addListener(stale);
        propertiesError.addListener(stale);
        // the topic is checked after the first edit or on send, not on first start (issue 14 item 10)
        canSend = Bindings.createBooleanBinding(() -> connected.get() && topicError.get().isEmpty()
                && payloadError.get().isEmpty() && propertiesError.get().isEmpty(),
                connected, topicError, payloadError, propertiesError);
    }

    /** Where requests go (the active session). */
    public void setTarget(Function<PublishRequest, CompletableFuture<Void>> target) {
        this.target = target;
    }

    private void validateTopic() {
        ParseResult<Placeholders> t = Placeholders.compile(topic.get());
        topicError.set(t.ok() ? TopicText.nameError(sample(t.value())) : t.error());
    }

    /** What a text with placeholders becomes for the first message (placeholders are checked with it). */
    private static String sample(Placeholders p) {
        return p.render(1, Instant.now(), ThreadLocalRandom.current());
    }

    private void validatePayload() {
        if (fromFile != null && fromFile.bytes() != null) {
            payloadError.set(""); // a file's bytes are sent as they are
            payloadErrorPosition.set(-1);
            return;
        }
        ParseResult<Placeholders> compiled = Placeholders.compile(payload.get());
        ParseResult<byte[]> r = compiled.ok()
                ? PayloadCodec.parse(sample(compiled.value()), format.get(), charset.get(), proto.choice())
                : ParseResult.error(compiled.error(), compiled.position(), compiled.line(), compiled.column());
        if (r.ok()) {
            payloadError.set("");
            payloadErrorPosition.set(-1);
        } else {
            payloadError.set(I18n.t("hex.error", r.line(), r.column(), r.error()));
            payloadErrorPosition.set(Math.min(r.position(), payload.get().length()));
        }
    }

    private void validateProperties() {
        propertiesError.set("");
        if (!mqtt5.get()) {
            return;
        }
        String exp = messageExpiry.get().trim();
        if (!exp.isEmpty()) {
            try {
                long v = Long.parseLong(exp);
                if (v < 0 || v > 0xffffffffL) {
                    propertiesError.set(I18n.t("publisher.expiry.range"));
                    return;
                }
            } catch (NumberFormatException e) {
                propertiesError.set(I18n.t("publisher.expiry.range"));
                return;
            }
        }
        String rt = responseTopic.get().trim();
        if (!rt.isEmpty()) {
            String error = TopicText.nameError(rt);
            if (!error.isEmpty()) {
                propertiesError.set(I18n.t("publisher.responseTopic.invalid", error));
                return;
            }
        }
        String cd = correlationData.get().trim();
        if (!cd.isEmpty() && cd.startsWith("0x")) {
            try {
                HexFormat.of().parseHex(cd.substring(2));
            } catch (IllegalArgumentException e) {
                propertiesError.set(I18n.t("publisher.correlation.invalid"));
                return;
            }
        }
        int line = 0;
        for (String l : userProperties.get().split("\n")) {
            line++;
            if (!l.isBlank() && !l.contains("=")) {
                propertiesError.set(I18n.t("publisher.userProperty.invalid", line));
                return;
            }
        }
    }

    /** The request to send, or null when any input is invalid. */
    public PublishRequest request() {
        MessageTemplate t = template();
        return t == null ? null : t.build(1, Instant.now(), ThreadLocalRandom.current()).value();
    }

    /** The current fields as a {@link MessageTemplate}, or null when any of them is invalid (the errors are shown). */
    public MessageTemplate template() {
        validateTopic();
        validatePayload();
        validateProperties();
        if (!topicError.get().isEmpty() || !payloadError.get().isEmpty() || !propertiesError.get().isEmpty()) {
            return null;
        }
        return new MessageTemplate(Placeholders.compile(topic.get()).value(),
                Placeholders.compile(payload.get()).value(), format.get(), charset.get(), proto.choice(), qos.get(),
                retain.get(), mqtt5.get() ? properties() : null, fromFile.bytes());
    }

    /** Where a timed publish sends (the active session), callable from any thread. */
    Function<PublishRequest, CompletableFuture<Void>> target() {
        return target;
    }

    private MessageProperties properties() {
        List<UserProperty> ups = new ArrayList<>();
        for (String l : userProperties.get().split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0 || (eq == 0 && l.length() > 1)) {
                ups.add(new UserProperty(l.substring(0, eq).trim(), l.substring(eq + 1).trim()));
            }
        }
        String cd = correlationData.get().trim();
        byte[] corr = cd.isEmpty() ? null : cd.startsWith("0x") ? HexFormat.of().parseHex(cd.substring(2))
                : cd.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String exp = messageExpiry.get().trim();
        return new MessageProperties(payloadIsUtf8.get() ? Boolean.TRUE : null,
                exp.isEmpty() ? null : Long.parseLong(exp), null, blankToNull(responseTopic.get()), corr,
                blankToNull(contentType.get()), ups, List.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Sends when valid (Ctrl+Enter); returns false and sends nothing otherwise. */
    public boolean send() {
        PublishRequest r = request();
        if (r == null || !connected.get()) {
            status.set(r == null ? I18n.t("publisher.invalid") : I18n.t("publisher.notConnected"));
            return false;
        }
        Sent s = new Sent(r.topic(), format.get(), payload.get());
        history.remove(s);
        history.add(0, s);
        if (history.size() > HISTORY) {
            history.remove(HISTORY, history.size());
        }
        status.set(I18n.t("publisher.sending"));
        tasks.whenComplete(target.apply(r), (v, e) -> status.set(e == null
                ? I18n.t("publisher.sent", r.payload().length, r.topic())
                : I18n.t("publisher.failed", rootMessage(e))));
        return true;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return String.valueOf(e.getMessage());
    }

    public void restore(Sent s) {
        topic.set(s.topic());
        format.set(s.format());
        payload.set(s.text());
    }

    public void format() {
        ParseResult<String> r = JsonText.pretty(payload.get());
        if (r.ok()) {
            payload.set(r.value());
        }
    }

    public void minify() {
        ParseResult<String> r = JsonText.minify(payload.get());
        if (r.ok()) {
            payload.set(r.value());
        }
    }

    /** Loads a file (read once, on the I/O executor): see {@link PayloadFromFile}. */
    public void loadFile(File file) {
        fromFile.load(file);
    }

    /** Says which file is sent as it is ("" when the payload is the text). */
    public ReadOnlyStringProperty attachedFileProperty() {
        return fromFile.summaryProperty();
    }

    /** The .proto files and message type Protobuf payloads are written as. */
    public ProtoSchemaModel proto() { return proto; }
    /**
     * Saves the fields as a template named {@code name}, for the current connection only or for all; false when
     * the name is blank.
     */
    public boolean saveTemplate(String name, boolean thisConnectionOnly) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String conn = thisConnectionOnly ? templates.connectionProperty().get() : null;
        templates.put(new PublishTemplate(name.trim(), conn, topic.get(), payload.get(), format.get().id(), qos.get(),
                retain.get(), contentType.get(), responseTopic.get(), correlationData.get(), messageExpiry.get(),
                payloadIsUtf8.get(), userProperties.get()));
        status.set(I18n.t("templates.saved", name.trim()));
        return true;
    }

    /** Fills the fields from a template. */
    public void apply(PublishTemplate t) {
        PayloadFormat f = PayloadFormat.byId(t.format());
        topic.set(nonNull(t.topic()));
        format.set(f == null ? PayloadFormat.TEXT : f);
        payload.set(nonNull(t.payload()));
        qos.set(Math.max(0, Math.min(2, t.qos())));
        retain.set(t.retain());
        contentType.set(nonNull(t.contentType()));
        responseTopic.set(nonNull(t.responseTopic()));
        correlationData.set(nonNull(t.correlationData()));
        messageExpiry.set(nonNull(t.messageExpiry()));
        payloadIsUtf8.set(t.payloadIsUtf8());
        userProperties.set(nonNull(t.userProperties()));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    public void exportTemplates(File f) {
        templates.exportTo(f.toPath());
    }

    public void importTemplates(File f) {
        templates.importFrom(f.toPath());
    }

    /**
     * The active connection as code for {@code target}, subscribing and publishing to the publisher's topic (when
     * it is a valid one); null without a connection.
     */
    public String snippet(Snippet.Target target, boolean includeSecrets) {
        Profile p = profile.get();
        if (p == null) {
            return null;
        }
        String t = topic.get() == null || topic.get().isBlank() || !topicError.get().isEmpty() ? null : topic.get();
        return Snippet.generate(p, target, t, includeSecrets);
    }

    public ObjectProperty<Profile> profileProperty() { return profile; }
    /** Saved templates (global and per connection). */
    public PublishTemplates templates() { return templates; }
    /** Publishing this message on a timer. */
    public TimedPublishViewModel timed() { return timed; }
    public StringProperty topicProperty() { return topic; }
    public IntegerProperty qosProperty() { return qos; }
    public BooleanProperty retainProperty() { return retain; }
    public ObjectProperty<PayloadFormat> formatProperty() { return format; }
    public ObjectProperty<TextCharset> charsetProperty() { return charset; }
    public StringProperty payloadProperty() { return payload; }
    public BooleanProperty mqtt5Property() { return mqtt5; }
    public StringProperty contentTypeProperty() { return contentType; }
    public StringProperty responseTopicProperty() { return responseTopic; }
    public StringProperty correlationDataProperty() { return correlationData; }
    public StringProperty messageExpiryProperty() { return messageExpiry; }
    public BooleanProperty payloadIsUtf8Property() { return payloadIsUtf8; }
    public StringProperty userPropertiesProperty() { return userProperties; }
    public StringProperty topicErrorProperty() { return topicError; }
    public StringProperty payloadErrorProperty() { return payloadError; }
    public IntegerProperty payloadErrorPositionProperty() { return payloadErrorPosition; }
    public StringProperty propertiesErrorProperty() { return propertiesError; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty connectedProperty() { return connected; }
    public BooleanBinding canSendProperty() { return canSend; }
    public ObservableList<Sent> history() { return history; }
}

package io.mqscope.cli;

import io.mqscope.payload.ParseResult;
import io.mqscope.payload.PayloadText;
import io.mqscope.payload.ProtoChoice;
import io.mqscope.payload.ProtoSchema;
import io.mqscope.payload.ProtoSchemaError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --proto FILE... --type TYPE}: the message type for {@code --format protobuf} (sub and pub). */
final class ProtoOptions {
    @Option(names = "--proto", paramLabel = "FILE", arity = "1..*")
    List<Path> files = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE")
    String type;

    /** The loaded choice, or an error naming the option (and for a bad .proto its file, line and column). */
    ParseResult<ProtoChoice> choice() {
        PayloadText.setLocale(Language.locale());
        if (files.isEmpty() || type == null) {
            return ParseResult.error("--format protobuf needs --proto FILE and --type TYPE", -1, -1, -1);
        }
        ProtoSchema.Loaded l = ProtoSchema.load(files);
        if (!l.ok()) {
            ProtoSchemaError e = l.error();
            return ParseResult.error("--proto: " + PayloadText.get("proto.schemaError", e.file(), e.line(),
                    e.column(), e.reason()), -1, -1, -1);
        }
        if (l.schema().message(type) == null) {
            return ParseResult.error("--type: " + PayloadText.get("proto.noType", type) + " ("
                    + String.join(", ", l.schema().messageTypes()) + ")", -1, -1, -1);
        }
        return ParseResult.ok(new ProtoChoice(l.schema(), type));
    }
}

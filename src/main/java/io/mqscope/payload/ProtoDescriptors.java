package io.mqscope.payload;

import com.google.protobuf.AnyProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.EnumConstant;
import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.OneOf;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a schema linked by wire-schema into protobuf-java descriptors, so that protobuf-java reads and writes the
 * messages ({@code DynamicMessage}) exactly as protoc-generated code would. Field numbers, types, labels, packing,
 * proto3 {@code optional} and map entries are carried over (descriptor.proto's rules for each); comments, custom
 * options, extensions and services are not needed to read or write a message and are left out. Google's
 * well-known types are protobuf-java's own descriptors.
 */
final class ProtoDescriptors {
    private static final Map<String, FileDescriptor> BUILT_IN = Map.of(
            "google/protobuf/any.proto", AnyProto.getDescriptor(),
            "google/protobuf/duration.proto", DurationProto.getDescriptor(),
            "google/protobuf/empty.proto", EmptyProto.getDescriptor(),
            "google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor(),
            "google/protobuf/struct.proto", StructProto.getDescriptor(),
            "google/protobuf/timestamp.proto", TimestampProto.getDescriptor(),
            "google/protobuf/wrappers.proto", WrappersProto.getDescriptor(),
            "google/protobuf/descriptor.proto", DescriptorProtos.getDescriptor());

    private final Schema schema;
    private final Map<String, FileDescriptor> built = new HashMap<>(BUILT_IN);

    ProtoDescriptors(Schema schema) {
        this.schema = schema;
    }

    /** The descriptor of {@code file} and, first, of every file it imports. */
    FileDescriptor file(ProtoFile file) throws Descriptors.DescriptorValidationException {
        String name = file.getLocation().getPath();
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        List<FileDescriptor> deps = new ArrayList<>();
        List<String> imports = new ArrayList<>(file.getImports());
        imports.addAll(file.getPublicImports());
        for (String imp : imports) {
            FileDescriptor d = built.get(imp);
            if (d == null) {
                ProtoFile pf = schema.protoFile(imp);
                if (pf == null) {
                    continue; // wire/extensions.proto and the like: nothing a message refers to
                }
                d = file(pf);
            }
            deps.add(d);
        }
        FileDescriptorProto.Builder fp = FileDescriptorProto.newBuilder().setName(name);
        if (file.getPackageName() != null) {
            fp.setPackage(file.getPackageName());
        }
        for (FileDescriptor d : deps) {
            fp.addDependency(d.getName());
        }
        boolean proto3 = file.getSyntax() == Syntax.PROTO_3;
        fp.setSyntax(proto3 ? "proto3" : "proto2");
        for (Type t : file.getTypes()) {
            if (t instanceof MessageType m) {
                fp.addMessageType(message(m, proto3));
            } else if (t instanceof EnumType e) {
                fp.addEnumType(enumType(e));
            }
        }
        FileDescriptor fd = FileDescriptor.buildFrom(fp.build(), deps.toArray(new FileDescriptor[0]));
        built.put(name, fd);
        return fd;
    }

    private DescriptorProto message(MessageType m, boolean proto3) {
        DescriptorProto.Builder b = DescriptorProto.newBuilder().setName(m.getType().getSimpleName());
        for (Type t : m.getNestedTypes()) {
            if (t instanceof MessageType nested) {
                b.addNestedType(message(nested, proto3));
            } else if (t instanceof EnumType e) {
                b.addEnumType(enumType(e));
            }
        }
        // real one-ofs first: descriptor.proto wants the synthetic ones of proto3 "optional" after them
        for (OneOf o : m.getOneOfs()) {
            int index = b.getOneofDeclCount();
            b.addOneofDecl(DescriptorProtos.OneofDescriptorProto.newBuilder().setName(o.getName()));
            for (Field f : o.getFields()) {
                b.addField(field(f, b, m.getType()).setOneofIndex(index));
            }
        }
        for (Field f : m.getDeclaredFields()) {
            FieldDescriptorProto.Builder fb = field(f, b, m.getType());
            if (proto3 && f.getLabel() == Field.Label.OPTIONAL) {
                // proto3 "optional": presence is tracked through a synthetic one-of (descriptor.proto,
                // FieldDescriptorProto.proto3_optional), so an explicitly set zero is written
                fb.setProto3Optional(true).setOneofIndex(b.getOneofDeclCount());
                b.addOneofDecl(DescriptorProtos.OneofDescriptorProto.newBuilder().setName("_" + f.getName()));
            }
            b.addField(fb);
        }
        return b.build();
    }

    private FieldDescriptorProto.Builder field(Field f, DescriptorProto.Builder owner,
                                               ProtoType ownerType) {
        FieldDescriptorProto.Builder fb = FieldDescriptorProto.newBuilder().setName(f.getName()).setNumber(f.getTag())
                .setJsonName(f.getDeclaredJsonName() != null ? f.getDeclaredJsonName() : lowerCamel(f.getName()));
        ProtoType type = f.getType();
        if (type.isMap()) {
            // a map is a repeated entry message with key = 1 and value = 2 (language guide, "Maps", wire compatibility)
            String entry = camel(f.getName()) + "Entry";
            DescriptorProto.Builder e = DescriptorProto.newBuilder().setName(entry)
                    .setOptions(DescriptorProtos.MessageOptions.newBuilder().setMapEntry(true));
            e.addField(typed(FieldDescriptorProto.newBuilder().setName("key").setNumber(1).setJsonName("key"),
                    type.getKeyType()).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL));
            e.addField(typed(FieldDescriptorProto.newBuilder().setName("value").setNumber(2).setJsonName("value"),
                    type.getValueType()).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL));
            owner.addNestedType(e);
            return fb.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                    .setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                    .setTypeName("." + ownerType + "." + entry);
        }
        typed(fb, type);
        if (f.isRepeated()) {
            fb.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
            if (type.isScalar() || schema.getType(type) instanceof EnumType) {
                // written out so that proto2 [packed=true] and proto3 [packed=false] are kept
                fb.setOptions(DescriptorProtos.FieldOptions.newBuilder()
                        .setPacked(f.getEncodeMode() == Field.EncodeMode.PACKED));
            }
        } else if (f.isRequired()) {
            fb.setLabel(FieldDescriptorProto.Label.LABEL_REQUIRED);
        } else {
            fb.setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        }
        return fb;
    }

    private FieldDescriptorProto.Builder typed(FieldDescriptorProto.Builder fb, ProtoType type) {
        if (type.isScalar()) {
            return fb.setType(FieldDescriptorProto.Type.valueOf("TYPE_" + type.toString().toUpperCase(Locale.ROOT)));
        }
        Type t = schema.getType(type);
        fb.setTypeName("." + type);
        return fb.setType(t instanceof EnumType ? FieldDescriptorProto.Type.TYPE_ENUM
                : FieldDescriptorProto.Type.TYPE_MESSAGE);
    }

    private static EnumDescriptorProto enumType(EnumType e) {
        EnumDescriptorProto.Builder b = EnumDescriptorProto.newBuilder().setName(e.getType().getSimpleName());
        if (e.allowAlias()) {
            b.setOptions(DescriptorProtos.EnumOptions.newBuilder().setAllowAlias(true));
        }
        for (EnumConstant c : e.getConstants()) {
            b.addValue(EnumValueDescriptorProto.newBuilder().setName(c.getName()).setNumber(c.getTag()));
        }
        return b.build();
    }

    /** protoc's default json_name in every syntax: underscores dropped, the letter after one upper-cased. */
    private static String lowerCamel(String name) {
        String c = camel(name);
        return name.isEmpty() || name.charAt(0) == '_' ? c : Character.toLowerCase(c.charAt(0)) + c.substring(1);
    }

    private static String camel(String name) {
        StringBuilder sb = new StringBuilder();
        boolean up = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }
}

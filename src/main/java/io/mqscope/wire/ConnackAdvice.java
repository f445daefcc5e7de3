package io.mqscope.wire;

/** What a refused CONNACK most likely means for the user, beyond the code's name. */
final class ConnackAdvice {
    private ConnackAdvice() {
    }

    static Diagnosis of(DecodedPacket p) {
        Integer rc = null;
        boolean v5 = false;
        for (Field f : p.fields()) {
            if (FieldName.RETURN_CODE.is(f) && f.value() instanceof Integer i) {
                rc = i;
            } else if (FieldName.REASON_CODE.is(f) && f.value() instanceof Integer i) {
                rc = i;
                v5 = true;
            }
        }
        if (rc == null || rc == 0) {
            return null;
        }
        int code = rc;
        if (!v5) {
            code = switch (code) {
                case 1 -> 0x84;
                case 2 -> 0x85;
                case 3 -> 0x88;
                case 4 -> 0x86;
                case 5 -> 0x87;
                default -> code;
            };
        }
        Rule advice = switch (code) {
            case 0x84 -> Rule.DIAGNOSIS_CONNACK_UNSUPPORTED_VERSION;
            case 0x85 -> Rule.DIAGNOSIS_CONNACK_CLIENT_ID_REJECTED;
            case 0x86 -> Rule.DIAGNOSIS_CONNACK_BAD_CREDENTIALS;
            case 0x87 -> Rule.DIAGNOSIS_CONNACK_NOT_AUTHORIZED;
            case 0x88, 0x89 -> Rule.DIAGNOSIS_CONNACK_SERVER_UNAVAILABLE;
            case 0x8A -> Rule.DIAGNOSIS_CONNACK_BANNED;
            case 0x8C -> Rule.DIAGNOSIS_CONNACK_BAD_AUTHENTICATION_METHOD;
            case 0x95 -> Rule.DIAGNOSIS_CONNACK_PACKET_TOO_LARGE;
            case 0x9C, 0x9D -> Rule.DIAGNOSIS_CONNACK_SERVER_MOVED;
            case 0x9F -> Rule.DIAGNOSIS_CONNACK_CONNECTION_RATE_EXCEEDED;
            default -> null;
        };
        return advice == null ? null : Diagnosis.of(advice);
    }
}

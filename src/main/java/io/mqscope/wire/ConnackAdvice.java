package io.mqscope.wire;

/** What a refused CONNACK most likely means for the user, beyond the code's name. */
final class ConnackAdvice {
    private ConnackAdvice() {
    }

    static String of(DecodedPacket p) {
        Integer rc = null;
        boolean v5 = false;
        for (Field f : p.fields()) {
            if (f.name().equals("return_code") && f.value() instanceof Integer i) {
                rc = i;
            } else if (f.name().equals("reason_code") && f.value() instanceof Integer i) {
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
        return switch (code) {
            case 0x84 -> "The broker refused the protocol version: it does not speak the level the CONNECT asked for "
                    + "(often MQTT 5.0 sent to a 3.1.1-only broker, or 3.1 'MQIsdp' to a broker that dropped it). "
                    + "Switch the profile's MQTT version.";
            case 0x85 -> "The broker rejected the client identifier: check its length and characters, duplicates, "
                    + "and for cloud IoT platforms (e.g. Aliyun IoT) the required clientId format and signing "
                    + "parameters.";
            case 0x86 -> "Bad user name or password: for signed logins (Aliyun IoT, Tencent, Huawei) check the "
                    + "device secret, the timestamp and the sign method, and that clientId, username and password "
                    + "come from the same signing run.";
            case 0x87 -> "Not authorized: the credentials were read but this client may not connect (ACL, "
                    + "disabled device, wrong product or instance).";
            case 0x88, 0x89 -> "The broker is unavailable or busy: retry later or check the broker's health.";
            case 0x8A -> "The client is banned by the broker.";
            case 0x8C -> "Bad authentication method: the AUTH method in CONNECT is not supported by the broker.";
            case 0x95 -> "The CONNECT was larger than the broker accepts.";
            case 0x9C, 0x9D -> "The broker redirects the client to another server (see the Server Reference "
                    + "property).";
            case 0x9F -> "Connecting too often: the broker limits the connection rate.";
            default -> null;
        };
    }
}

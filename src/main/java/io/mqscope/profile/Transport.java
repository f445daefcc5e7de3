package io.mqscope.profile;

public enum Transport {
    TCP(1883, false, false), TLS(8883, true, false), WS(8083, false, true), WSS(8084, true, true);

    private final int defaultPort;
    private final boolean secure;
    private final boolean webSocket;

    Transport(int defaultPort, boolean secure, boolean webSocket) {
        this.defaultPort = defaultPort;
        this.secure = secure;
        this.webSocket = webSocket;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean secure() {
        return secure;
    }

    public boolean webSocket() {
        return webSocket;
    }
}

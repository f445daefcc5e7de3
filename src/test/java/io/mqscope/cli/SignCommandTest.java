package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SignCommandTest {
    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aliyunIotJsonReproducesTheDocumentedExample() throws Exception {
        Run r = run("sign", "aliyun-iot", "--product-key", "pk", "--device-name", "device", "--device-secret",
                "secret", "--client-id", "12345", "--timestamp", "789", "--sign-method", "hmacsha1",
                "--secure-mode", "3", "--region", "cn-shanghai", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("clientId").asText()).isEqualTo("12345|securemode=3,signmethod=hmacsha1,timestamp=789|");
        assertThat(j.get("username").asText()).isEqualTo("device&pk");
        assertThat(j.get("password").asText()).isEqualTo("fafd82a3d602b37fb0fa8b7892f24a477f851a14");
        assertThat(j.get("host").asText()).isEqualTo("pk.iot-as-mqtt.cn-shanghai.aliyuncs.com");
        assertThat(j.get("port").asInt()).isEqualTo(1883);
        assertThat(j.get("signedString").asText()).isEqualTo("clientId12345deviceNamedeviceproductKeypktimestamp789");
        assertThat(r.out().trim().lines()).hasSize(1);
        assertThat(j.size()).isEqualTo(6);
    }

    @Test
    void plainOutputIsReadable() {
        Run r = run("sign", "aliyun-mqtt", "--access-key", "AK", "--secret-key", "SK", "--instance-id", "ID",
                "--group-id", "GID_x", "--device-id", "d1", "--parent-topic", "t");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("clientId   GID_x@@@d1").contains("username   Signature|AK|ID")
                .contains("password   WCQV3Js9IB04XCO4+69+AZ9LOI8=").contains("p2p topic  t/p2p/GID_x@@@d1");
    }

    @Test
    void aliyunMqttJsonOmitsAbsentFields() throws Exception {
        Run r = run("sign", "aliyun-mqtt", "--access-key", "AK", "--instance-id", "ID", "--group-id", "GID_x",
                "--device-id", "d1", "--mode", "token", "--read-token", "abc", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("password").asText()).isEqualTo("R|abc");
        assertThat(j.has("signedString")).isFalse();
    }

    @Test
    void tencentHuaweiOneNet() throws Exception {
        ObjectMapper om = new ObjectMapper();
        Run t = run("sign", "tencent", "--product-id", "ABCDEFGHIJ", "--device-name", "dev1", "--device-psk",
                "MTIzNDU2Nzg5MDEyMzQ1Ng==", "--conn-id", "abcde", "--expiry", "1700000000", "--json");
        assertThat(t.code()).isZero();
        assertThat(om.readTree(t.out()).get("password").asText())
                .isEqualTo("794b8df0d98ce436f5c88a77e178e706a838c7b8c901858f60ef504aee9407ab;hmacsha256");
        Run h = run("sign", "huawei", "--device-id", "5f1234_dev", "--secret", "12345678", "--timestamp",
                "2018072417", "--json");
        assertThat(h.code()).isZero();
        assertThat(om.readTree(h.out()).get("clientId").asText()).isEqualTo("5f1234_dev_0_0_2018072417");
        Run o = run("sign", "onenet", "--product-id", "123123", "--device-name", "mydev", "--access-key",
                "q83vEjRWeJA=", "--et", "1537255523", "--method", "sha1", "--version", "2018-10-31", "--json");
        assertThat(o.code()).isZero();
        assertThat(om.readTree(o.out()).get("password").asText()).endsWith("&sign=LKWmxbURMK3aUh4PhrzBcsrjO4Q%3D");
    }

    @Test
    void badInputsExit2NamingTheOption() {
        Run empty = run("sign", "aliyun-iot", "--product-key", "", "--device-name", "device", "--device-secret", "s",
                "--json");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("--product-key");
        assertThat(empty.out()).isEmpty();

        Run method = run("sign", "aliyun-iot", "--product-key", "pk", "--device-name", "device", "--device-secret",
                "s", "--sign-method", "sha512");
        assertThat(method.code()).isEqualTo(2);
        assertThat(method.err()).contains("--sign-method");

        Run ts = run("sign", "aliyun-iot", "--product-key", "pk", "--device-name", "device", "--device-secret", "s",
                "--timestamp", "abc");
        assertThat(ts.code()).isEqualTo(2);
        assertThat(ts.err()).contains("--timestamp");

        Run missing = run("sign", "aliyun-iot", "--device-name", "device", "--device-secret", "s");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--product-key");

        Run psk = run("sign", "tencent", "--product-id", "P", "--device-name", "d", "--device-psk", "%%%");
        assertThat(psk.code()).isEqualTo(2);
        assertThat(psk.err()).contains("--device-psk");

        Run noVendor = run("sign");
        assertThat(noVendor.code()).isEqualTo(2);
    }

    @Test
    void helpPerVendor() {
        for (String v : new String[] {"aliyun-iot", "aliyun-mqtt", "tencent", "huawei", "onenet"}) {
            Run r = run("sign", v, "--help");
            assertThat(r.code()).as(v).isZero();
            assertThat(r.out()).as(v).contains("--json");
        }
        assertThat(run("sign", "onenet", "--help").out()).contains("--version");
    }

    @Test
    void warningsGoToStderrNotStdout() throws Exception {
        Run r = run("sign", "aliyun-iot", "--product-key", "pk", "--device-name", "device", "--device-secret", "s",
                "--keep-alive", "10", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("30..1200");
        new ObjectMapper().readTree(r.out()); // stdout stays pure JSON
    }
}

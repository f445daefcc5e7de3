package io.mqscope.payload.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadDiffTest {

    private static PayloadDiff diff(String a, String b) {
        return PayloadDiff.compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Every leaf as "kind path before after", depth first. */
    private static List<String> leaves(JsonDiffNode n) {
        List<String> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static void collect(JsonDiffNode n, List<String> out) {
        if (n.leaf()) {
            out.add(n.kind() + " " + n.path() + " " + n.before() + " " + n.after());
        }
        n.children().forEach(c -> collect(c, out));
    }

    @Test
    void json_member_added_removed_changed() {
        PayloadDiff d = diff("{\"t\":20.5,\"unit\":\"C\",\"old\":1}", "{\"unit\":\"C\",\"t\":21,\"new\":true}");
        assertThat(d.mode()).isEqualTo(PayloadDiff.Mode.JSON);
        assertThat(leaves(d.json().root())).containsExactly(
                "CHANGED $.t 20.5 21", "REMOVED $.old 1 null", "ADDED $.new null true");
        assertThat(d.added()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(1);
        assertThat(d.changed()).isEqualTo(1);
        assertThat(d.lines()).isEmpty();
    }

    @Test
    void json_member_order_alone_is_no_change() {
        PayloadDiff d = diff("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}");
        assertThat(d.identical()).isTrue();
        assertThat(d.json().root().kind()).isEqualTo(DiffKind.SAME);
        assertThat(d.json().root().children()).isEmpty();
    }

    @Test
    void json_nested_objects_and_arrays_give_a_tree_with_paths() {
        PayloadDiff d = diff("{\"sensors\":[{\"id\":1,\"value\":3},{\"id\":2,\"value\":4}],\"meta\":{\"fw\":\"1.0\"}}",
                "{\"sensors\":[{\"id\":1,\"value\":5}],\"meta\":{\"fw\":\"1.1\",\"my key\":0}}");
        JsonDiffNode root = d.json().root();
        assertThat(root.children()).extracting(JsonDiffNode::name).containsExactly("sensors", "meta");
        JsonDiffNode sensors = root.children().get(0);
        assertThat(sensors.kind()).isEqualTo(DiffKind.CHANGED);
        assertThat(sensors.leaf()).isFalse();
        assertThat(sensors.children()).extracting(JsonDiffNode::name).containsExactly("[0]", "[1]");
        assertThat(leaves(root)).containsExactly(
                "CHANGED $.sensors[0].value 3 5",
                "REMOVED $.sensors[1] {\"id\":2,\"value\":4} null",
                "CHANGED $.meta.fw \"1.0\" \"1.1\"",
                "ADDED $.meta['my key'] null 0");
    }

    @Test
    void json_array_grown_lists_the_new_elements_as_added() {
        PayloadDiff d = diff("[1,2]", "[1,2,3,4]");
        assertThat(leaves(d.json().root())).containsExactly("ADDED $[2] null 3", "ADDED $[3] null 4");
    }

    @Test
    void json_type_change_is_a_changed_leaf() {
        PayloadDiff d = diff("{\"v\":{\"x\":1}}", "{\"v\":[1]}");
        assertThat(leaves(d.json().root())).containsExactly("CHANGED $.v {\"x\":1} [1]");
        assertThat(diff("42", "43").json().root().path()).isEqualTo("$");
    }

    @Test
    void text_line_diff_marks_removed_then_added() {
        PayloadDiff d = diff("a\nb\nc\n", "a\nB\nc\nd");
        assertThat(d.mode()).isEqualTo(PayloadDiff.Mode.TEXT);
        assertThat(d.lines()).extracting(l -> l.kind().mark() + l.text()).containsExactly(
                " a", "-b", "+B", " c", "+d");
        assertThat(d.lines().get(2)).isEqualTo(new DiffLine(DiffKind.ADDED, 0, 2, "B"));
        assertThat(d.lines().get(3)).isEqualTo(new DiffLine(DiffKind.SAME, 3, 3, "c"));
        assertThat(d.added()).isEqualTo(2);
        assertThat(d.removed()).isEqualTo(1);
    }

    @Test
    void text_when_only_one_side_is_json() {
        assertThat(diff("{\"a\":1}", "not json").mode()).isEqualTo(PayloadDiff.Mode.TEXT);
        assertThat(diff("{\"a\":1} trailing", "{\"a\":1}").mode()).isEqualTo(PayloadDiff.Mode.TEXT);
    }

    @Test
    void hex_diff_of_binary_keeps_bytes_after_an_insertion() {
        byte[] a = new byte[40];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (0x80 + i);
        }
        byte[] b = new byte[41];
        b[0] = (byte) 0x80;
        b[1] = (byte) 0xff; // inserted after the first byte
        System.arraycopy(a, 1, b, 2, 39);
        PayloadDiff d = PayloadDiff.compare(a, b);
        assertThat(d.mode()).isEqualTo(PayloadDiff.Mode.HEX);
        assertThat(d.added()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(0);
        assertThat(d.lines()).extracting(DiffLine::kind)
                .containsExactly(DiffKind.SAME, DiffKind.ADDED, DiffKind.SAME, DiffKind.SAME, DiffKind.SAME);
        assertThat(d.lines().get(1).text()).startsWith("000001  ff ");
        assertThat(d.lines().get(2).text()).startsWith("000002  81 82");
    }

    @Test
    void hex_changed_byte_is_removed_and_added() {
        PayloadDiff d = PayloadDiff.compare(new byte[] {0, 1, 2, 3}, new byte[] {0, 9, 2, 3});
        assertThat(d.lines()).extracting(l -> l.kind().mark() + l.text().substring(0, 11)).containsExactly(
                " 000000  00 ", "-000001  01 ", "+000001  09 ", " 000002  02 ");
        assertThat(d.added()).isEqualTo(1);
        assertThat(d.removed()).isEqualTo(1);
    }

    @Test
    void many_differences_are_counted_past_the_listed_bound() {
        StringBuilder a = new StringBuilder("[");
        StringBuilder b = new StringBuilder("[");
        int n = JsonDiff.MAX_LEAVES + 100;
        for (int i = 0; i < n; i++) {
            a.append(i == 0 ? "" : ",").append(i);
            b.append(i == 0 ? "" : ",").append(i + 1);
        }
        PayloadDiff d = diff(a.append(']').toString(), b.append(']').toString());
        assertThat(d.changed()).isEqualTo(n);
        assertThat(d.truncated()).isTrue();
        assertThat(d.json().root().children()).hasSize(JsonDiff.MAX_LEAVES);
    }
}

package io.mqscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mqscope.capture.Capture;
import io.mqscope.capture.CaptureException;
import io.mqscope.capture.CaptureFixtures;
import io.mqscope.capture.CaptureReader;
import io.mqscope.capture.CapturedPacket;
import io.mqscope.capture.Conversation;
import io.mqscope.capture.WsFrame;
import io.mqscope.ui.capture.CaptureDoctor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode --pcap} renders while it streams the capture and parks the lines outside the heap; its report must
 * be the one made from the whole capture read into memory ({@link CaptureReader#read}), also when every record goes
 * through the temporary file (tiny limits) and packets come late (gaps, a truncated file).
 */
class DecodePcapStreamingTest {
    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        byte[] bytes = switch (name) {
            case "clean" -> CaptureFixtures.clean();
            case "mixed" -> CaptureFixtures.mixed();
            case "truncated" -> CaptureFixtures.truncated();
            case "damaged" -> CaptureFixtures.damagedBlock();
            default -> Files.readAllBytes(Path.of("src/test/resources/io/mqscope/payload/dumps/sample.pcap"));
        };
        Path f = dir.resolve(name + ".pcap");
        Files.write(f, bytes);
        return f;
    }

    /** The report made from the capture read whole, its conversations replayed into the sections. */
    private static String fromWholeCapture(Path file, boolean json) throws Exception {
        Capture capture;
        String failure = null;
        try {
            capture = CaptureReader.read(file);
        } catch (CaptureException e) {
            capture = e.partial();
            failure = file + ": " + e.getMessage();
        }
        StringWriter text = new StringWriter();
        try (PcapSpill spill = new PcapSpill()) {
            PcapSections sections = new PcapSections(spill, json, false);
            CaptureDoctor doctor = new CaptureDoctor(sections);
            long id = 0;
            for (Conversation c : capture.conversations()) {
                for (CapturedPacket p : c.packets()) {
                    doctor.packet(id, c.start(), p);
                }
                for (WsFrame f : c.ws()) {
                    doctor.frame(id, f);
                }
                doctor.conversation(id++, c);
            }
            DecodePcap.report(file, capture, sections, doctor, failure, json, new PrintWriter(text));
        }
        return text.toString();
    }

    private static String streamed(Path file, boolean json, PcapSpill spill, StringWriter err) {
        StringWriter out = new StringWriter();
        DecodePcap.run(file, Set.of(), json, false, new PrintWriter(out), new PrintWriter(err), spill);
        return out.toString();
    }

    @ParameterizedTest
    @CsvSource({"clean,false", "clean,true", "mixed,false", "mixed,true", "truncated,false", "truncated,true",
            "damaged,false", "damaged,true", "sample,false", "sample,true"})
    void the_streamed_report_is_the_one_made_from_the_whole_capture(String name, boolean json) throws Exception {
        Path f = fixture(name);
        String whole = fromWholeCapture(f, json);
        assertThat(whole).contains(json ? "\"conversations\":[{" : "== ");
        StringWriter err = new StringWriter();
        assertThat(streamed(f, json, new PcapSpill(), err)).isEqualTo(whole);
        // every record through the temporary file, late packets in segments of their own; sections sealed at
        // the end of their conversation or written from their runs
        assertThat(streamed(f, json, new PcapSpill(64, 16, 0), new StringWriter())).isEqualTo(whole);
        assertThat(streamed(f, json, new PcapSpill(64, 16, Long.MAX_VALUE), new StringWriter())).isEqualTo(whole);
        assertThat(err.toString().isEmpty()).isEqualTo(!name.equals("truncated"));
    }
}

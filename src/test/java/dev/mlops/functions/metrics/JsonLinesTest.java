package dev.mlops.functions.metrics;

import static dev.mlops.functions.metrics.CaptureFixtures.capture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private final CaptureRecordParser parser = new CaptureRecordParser();

    private List<ParsedRecord> records(InputStream in, int maxLineBytes) throws IOException {
        List<ParsedRecord> records = new ArrayList<>();
        JsonLines.records(in, maxLineBytes, new JsonFactory(), parser::read, records::add);
        return records;
    }

    private List<ParsedRecord> records(List<String> lines) throws IOException {
        return records(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), 4096);
    }

    private static ParsedRecord malformed() {
        return ParsedRecord.failed(RecordProblem.MALFORMED_JSON);
    }

    @Test
    void readsOneRecordPerLine() throws IOException {
        assertThat(records(List.of(capture("a", 1), "", capture("b", 2.5), capture("c", "nan"))))
                .containsExactly(ParsedRecord.of("a", 1), ParsedRecord.of("b", 2.5),
                        new ParsedRecord("c", Double.NaN, RecordProblem.NON_FINITE_VALUE));
    }

    @Test
    void aMalformedLineCostsOnlyItself() throws IOException {
        String good = capture("ok", 1);
        assertThat(records(List.of(
                good.substring(0, 80),                 // truncated: the record runs past its line
                good,
                good + " " + good,                     // two records on one line
                good,
                "[1, 2]", "123", "\"text\"", "nonsense", "}",
                good,
                "{\"captureData\": {",                 // a record spread over two lines
                "\"endpointOutput\": {\"data\": \"1\"}}, \"eventMetadata\": {\"eventId\": \"x\"}}",
                good)))
                .containsExactly(malformed(), ParsedRecord.of("ok", 1), malformed(), ParsedRecord.of("ok", 1),
                        malformed(), malformed(), malformed(), malformed(), malformed(), ParsedRecord.of("ok", 1),
                        malformed(), malformed(), ParsedRecord.of("ok", 1));
    }

    @Test
    void reportsLinesOverTheLimitInTheirPlace() throws IOException {
        List<ParsedRecord> records = records(List.of(capture("a", 1), "x".repeat(5000), capture("b", 2), "y".repeat(5000)));

        assertThat(records).containsExactly(ParsedRecord.of("a", 1), ParsedRecord.failed(RecordProblem.LINE_TOO_LONG),
                ParsedRecord.of("b", 2), ParsedRecord.failed(RecordProblem.LINE_TOO_LONG));
    }

    @Test
    void readsRecordsLongerThanTheParsersBuffer() throws IOException {
        String big = capture("big", 7).replace("0.00632,", "0.00632," + "1.5,".repeat(20_000));

        assertThat(records(new ByteArrayInputStream((big + "\n" + capture("next", 8)).getBytes(StandardCharsets.UTF_8)), 1 << 20))
                .containsExactly(ParsedRecord.of("big", 7), ParsedRecord.of("next", 8));
    }

    @Test
    void givesTheSameResultAsParsingEachLineOnItsOwn() throws IOException {
        Random random = new Random(5);
        List<String> lines = new ArrayList<>();
        List<ParsedRecord> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String line = capture("id-" + i, random.nextGaussian());
            switch (random.nextInt(12)) {
                case 0 -> line = line.substring(0, random.nextInt(line.length()));
                case 1 -> line = line + line.substring(0, random.nextInt(line.length()));
                case 2 -> line = line.replace("\"data\":\"", "\"data\":");
                case 3 -> line = line.replace("inferenceId", "x").replace("eventId", "y");
                default -> { }
            }
            lines.add(line);
            if (!line.isBlank()) {
                byte[] bytes = line.strip().getBytes(StandardCharsets.UTF_8);
                expected.add(parser.parse(bytes, 0, bytes.length));
            }
        }
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);

        assertThat(records(LineReaderTest.trickling(bytes, random, 700), 4096)).isEqualTo(expected);
    }

    @Test
    void aFailingStreamIsNotMistakenForMalformedData() {
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream((capture("a", 1) + "\n" + capture("b", 2).substring(0, 50)).getBytes(StandardCharsets.UTF_8)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        assertThatThrownBy(() -> records(failing, 4096)).isInstanceOf(IOException.class).hasMessage("connection reset");
    }
}

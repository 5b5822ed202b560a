package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark of the quality metrics computation, run by {@code bench/metrics.sh} from the test class path
 * (a main, not a test: {@code ./mvnw verify} never runs it).
 *
 * <pre>
 * MetricsBench generate DIR CAPTURE_BYTES SAMPLE_LABELS
 *     capture of two variants and its ground truth in the bucket layout; the first SAMPLE_LABELS labels
 *     are also written under ground-truth-sample/ (a window with a fixed number of labels)
 * MetricsBench parse   DIR WARMUP_DIR GROUND_TRUTH_PREFIX
 *     bare Jackson over datacapture/ and the ground-truth tree: each file one stream of root values, skipped
 * MetricsBench metrics DIR WARMUP_DIR GROUND_TRUTH_PREFIX
 *     QualityEvaluator over DirectoryObjectSource: the handler's code path
 * </pre>
 * The measuring modes first run three passes over {@code WARMUP_DIR} (JIT warm-up), then at least three
 * passes over {@code DIR} and at least two seconds of them, and print one {@code result} line: the
 * throughput of the fastest pass (the one least disturbed by other work on the machine), of the median
 * pass, and per second of process CPU time.
 */
public final class MetricsBench {

    static final String ENDPOINT = "bench-endpoint";
    static final CaptureLayout LAYOUT = new CaptureLayout("datacapture", "ground-truth", ENDPOINT);
    static final String SAMPLE_PREFIX = "ground-truth-sample";
    static final List<VariantSpec> VARIANTS = List.of(
            new VariantSpec("AllTraffic", VariantSpec.Role.PRODUCTION, "V1.0.0"),
            new VariantSpec("Shadow", VariantSpec.Role.SHADOW, "V1.1.0"));
    /** The run evaluates capture hours 00..03; labels are collected an hour after the inference (01..04). */
    static final Instant RUN = Instant.parse("2026-11-23T04:05:00Z");
    static final int HOURS = 4;
    static final long FILE_BYTES = 16L * 1024 * 1024;
    static final int MIN_PASSES = 3;
    static final long MIN_NANOS = 2_000_000_000L;

    private MetricsBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: MetricsBench generate DIR CAPTURE_BYTES SAMPLE_LABELS"
                    + " | parse DIR WARMUP_DIR GROUND_TRUTH_PREFIX | metrics DIR WARMUP_DIR GROUND_TRUTH_PREFIX");
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "generate":
                new Generator(dir, Long.parseLong(args[2]), Long.parseLong(args[3])).run();
                break;
            case "parse":
                measure("parse", dir, Path.of(args[2]), root -> bareParse(root, args[3]));
                break;
            case "metrics":
                measure("metrics", dir, Path.of(args[2]), root -> evaluate(root, args[3]));
                break;
            default:
                throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** Records and bytes one pass read. */
    record Pass(long records, long bytes, String detail) {
    }

    interface Workload {
        Pass run(Path dir) throws IOException;
    }

    private static void measure(String mode, Path dir, Path warmup, Workload workload) throws IOException {
        for (int i = 0; i < 3; i++) {
            workload.run(warmup);
        }
        System.gc();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> seconds = new ArrayList<>();
        Pass pass;
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        do {
            long passStart = System.nanoTime();
            pass = workload.run(dir);
            seconds.add((System.nanoTime() - passStart) / 1e9);
        } while (seconds.size() < MIN_PASSES || System.nanoTime() - start < MIN_NANOS);
        // CPU time of the process (all threads, the collector's included) per pass: wall time on a busy
        // machine also counts the waits for a core.
        double cpuPerPass = (os.getProcessCpuTime() - cpuStart) / 1e9 / seconds.size();
        List<Double> sorted = seconds.stream().sorted().collect(Collectors.toList());
        double best = sorted.get(0);
        double median = sorted.get(sorted.size() / 2);
        System.out.printf(Locale.ROOT, "result mode=%s passes=%d records=%d bytes=%d best_seconds=%.3f records_per_s=%.0f mb_per_s=%.1f"
                        + " median_records_per_s=%.0f records_per_cpu_s=%.0f%n",
                mode, seconds.size(), pass.records(), pass.bytes(), best, pass.records() / best, pass.bytes() / best / 1e6,
                pass.records() / median, pass.records() / cpuPerPass);
        if (!pass.detail().isEmpty()) {
            System.out.println("detail " + pass.detail());
        }
    }

    /** Jackson alone: each file is one stream of root-level objects, tokenized and skipped. */
    static Pass bareParse(Path dir, String groundTruthPrefix) throws IOException {
        JsonFactory json = new JsonFactory();
        long records = 0;
        long bytes = 0;
        List<Path> files = files(dir.resolve(LAYOUT.capturePrefix()));
        files.addAll(files(dir.resolve(groundTruthPrefix)));
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file); JsonParser parser = json.createParser(in)) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    records++;
                }
            }
            bytes += Files.size(file);
        }
        return new Pass(records, bytes, "");
    }

    /** The function's computation: QualityEvaluator over the directory as it reads S3. */
    static Pass evaluate(Path dir, String groundTruthPrefix) throws IOException {
        CaptureLayout layout = new CaptureLayout(LAYOUT.capturePrefix(), groundTruthPrefix, ENDPOINT);
        EvaluationReport report = new QualityEvaluator(new DirectoryObjectSource(dir), layout, VARIANTS, JsonLines.DEFAULT_MAX_LINE_BYTES)
                .evaluate(EvaluationWindow.endingAt(RUN, HOURS));
        String detail = report.variants().stream()
                .map(v -> String.format(Locale.ROOT, "%s: n=%d RMSE=%.4f MAE=%.4f R2=%.4f missing=%d nonfinite=%d malformed=%d",
                        v.spec().name(), v.metrics().samples(), v.metrics().rmse(), v.metrics().mae(),
                        v.metrics().rSquared().orElse(Double.NaN), v.missingLabels(), v.nonFinite(), v.malformed()))
                .collect(Collectors.joining("; ")) + "; labels=" + report.labels().labels()
                + String.format(Locale.ROOT, " (index %.1f MiB)", report.labels().indexBytes() / 1048576.0);
        return new Pass(report.captureRecords() + report.labels().lines(), report.bytesRead(), detail);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /**
     * Writes a synthetic but format-faithful data set: each request is captured for both variants (same
     * inference id, as with shadow testing), with 20 CSV features as input and the prediction as CSV (80 %),
     * JSON (15 %) or BASE64 CSV (5 %); 99 % of requests get a label, collected in the next hour; one
     * production prediction in 100,000 is NaN. Files rotate at 16 MiB. Deterministic (fixed seed). The
     * first {@code sampleLabels} labels are written a second time under {@value #SAMPLE_PREFIX}.
     */
    static final class Generator {
        private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

        private final Path dir;
        private final long captureBytes;
        private final long sampleLabels;
        private final Random random = new Random(20261123);

        Generator(Path dir, long captureBytes, long sampleLabels) {
            this.dir = dir;
            this.captureBytes = captureBytes;
            this.sampleLabels = sampleLabels;
        }

        void run() throws IOException {
            long perHour = captureBytes / HOURS;
            Instant firstHour = EvaluationWindow.endingAt(RUN, HOURS).start();
            long written = 0;
            long requests = 0;
            long labels = 0;
            long labelBytes = 0;
            for (int h = 0; h < HOURS; h++) {
                Instant hour = firstHour.plus(Duration.ofHours(h));
                try (RotatingFile production = new RotatingFile(dir.resolve(LAYOUT.captureFolder("AllTraffic", hour)));
                     RotatingFile shadow = new RotatingFile(dir.resolve(LAYOUT.captureFolder("Shadow", hour)));
                     RotatingFile truth = new RotatingFile(dir.resolve(LAYOUT.groundTruthFolder(hour.plus(Duration.ofHours(1)))));
                     RotatingFile sample = new RotatingFile(dir.resolve(SAMPLE_PREFIX + "/"
                             + LAYOUT.groundTruthFolder(hour.plus(Duration.ofHours(1))).substring(LAYOUT.groundTruthPrefix().length() + 1)))) {
                    long hourBytes = 0;
                    while (hourBytes < perHour) {
                        String id = uuid();
                        String time = hour.plusSeconds(random.nextInt(3600)).toString();
                        String input = features();
                        double label = 250 + 60 * random.nextGaussian();
                        double championPrediction = label + 12 * random.nextGaussian();
                        double challengerPrediction = label + 10 * random.nextGaussian();
                        String championOutput = requests % 100_000 == 7 ? "NaN" : number(championPrediction);
                        hourBytes += production.write(capture(id, time, input, championOutput, (int) (requests % 20)));
                        hourBytes += shadow.write(capture(id, time, input, number(challengerPrediction), (int) (requests % 20)));
                        if (random.nextInt(100) != 0) {
                            String line = groundTruth(id, number(label));
                            labelBytes += truth.write(line);
                            if (labels < sampleLabels) {
                                sample.write(line);
                            }
                            labels++;
                        }
                        requests++;
                    }
                    written += hourBytes;
                }
            }
            System.out.printf(Locale.ROOT, "generated requests=%d capture_records=%d capture_bytes=%d labels=%d label_bytes=%d sample_labels=%d%n",
                    requests, 2 * requests, written, labels, labelBytes, Math.min(labels, sampleLabels));
        }

        private String uuid() {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }

        private String features() {
            StringBuilder csv = new StringBuilder(180);
            for (int i = 0; i < 20; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                int value = random.nextInt(10_000_000);
                csv.append(value / 10_000).append('.');
                String fraction = Integer.toString(value % 10_000);
                csv.append("0000", 0, 4 - fraction.length()).append(fraction);
            }
            return csv.toString();
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.4f", value);
        }

        private static String capture(String id, String time, String input, String prediction, int kind) {
            String output;
            if (kind < 16) {
                output = "{\"observedContentType\":\"text/csv; charset=utf-8\",\"mode\":\"OUTPUT\",\"data\":\"" + prediction + "\",\"encoding\":\"CSV\"}";
            } else if (kind < 19) {
                output = "{\"observedContentType\":\"application/json\",\"mode\":\"OUTPUT\",\"data\":\"{\\\"predictions\\\":[{\\\"score\\\":"
                        + prediction + "}]}\",\"encoding\":\"JSON\"}";
            } else {
                output = "{\"observedContentType\":\"text/csv\",\"mode\":\"OUTPUT\",\"data\":\""
                        + Base64.getEncoder().encodeToString(prediction.getBytes(StandardCharsets.US_ASCII)) + "\",\"encoding\":\"BASE64\"}";
            }
            return "{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\",\"data\":\"" + input
                    + "\",\"encoding\":\"CSV\"},\"endpointOutput\":" + output + "},\"eventMetadata\":{\"eventId\":\""
                    + new UUID(id.hashCode(), time.hashCode()) + "\",\"inferenceId\":\"" + id + "\",\"inferenceTime\":\"" + time
                    + "\"},\"eventVersion\":\"0\"}\n";
        }

        private static String groundTruth(String id, String label) {
            return "{\"groundTruthData\":{\"data\":\"" + label + "\",\"encoding\":\"CSV\"},\"eventMetadata\":{\"eventId\":\"" + id
                    + "\"},\"eventVersion\":\"0\"}\n";
        }
    }

    /** JSON Lines files in one folder, a new one every {@link #FILE_BYTES}. */
    private static final class RotatingFile implements AutoCloseable {
        private final Path folder;
        private OutputStream out;
        private long size;
        private int index;

        RotatingFile(Path folder) throws IOException {
            this.folder = Files.createDirectories(folder);
        }

        long write(String line) throws IOException {
            if (out == null || size >= FILE_BYTES) {
                close();
                out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(String.format(Locale.ROOT, "part-%04d.jsonl", index++))), 1 << 16);
                size = 0;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            size += bytes.length;
            return bytes.length;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                out = null;
            }
        }
    }
}

package dev.mlops.delivery.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The scripts the pipelines run, from this repository's {@code pipelines/} directory, each identified by the
 * SHA-256 of its content. A script is uploaded to the artifacts bucket under a key that contains its digest
 * ({@code pipeline-code/<16 hex>/<file>}), so a changed script is a changed pipeline definition (a diff in the
 * preview, a new pipeline version) and a running execution never sees a script replaced underneath it.
 *
 * @param sha256ByPath repository-relative path (e.g. {@code pipelines/training/evaluate.py}) to hex SHA-256
 */
public record PipelineCode(Map<String, String> sha256ByPath) {

    public static final String KEY_PREFIX = "pipeline-code";
    public static final String INGEST = "pipelines/data/ingest.py";
    public static final String VALIDATE = "pipelines/data/validate.py";
    public static final String PUBLISH = "pipelines/data/publish.py";
    public static final String QUARANTINE = "pipelines/data/quarantine.py";
    public static final String PREPROCESS = "pipelines/training/preprocess.py";
    public static final String EVALUATE = "pipelines/training/evaluate.py";
    /** Every script a generated pipeline may run. */
    public static final List<String> SCRIPTS = List.of(INGEST, VALIDATE, PUBLISH, QUARANTINE, PREPROCESS, EVALUATE);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SCRIPT_PATH = Pattern.compile("pipelines/[a-z0-9_/]+\\.py");

    public PipelineCode {
        sha256ByPath = java.util.Collections.unmodifiableMap(new TreeMap<>(sha256ByPath));
        sha256ByPath.forEach((path, digest) -> {
            Constraints.matches(path, SCRIPT_PATH, "script path", "a path under pipelines/ ending in .py");
            Constraints.matches(digest, SHA256, "digest of " + path, "a lowercase hex SHA-256");
        });
    }

    /** Where the scripts live in the repository: {@code pipelines/...} paths are relative to it. */
    public static final String SOURCE_DIRECTORY = "src/main/python";

    /**
     * Reads and hashes every script in {@link #SCRIPTS} under {@code repositoryRoot}/{@value #SOURCE_DIRECTORY}; a missing
     * script is an error.
     */
    public static PipelineCode fromRepository(Path repositoryRoot) {
        Map<String, String> digests = new TreeMap<>();
        for (String script : SCRIPTS) {
            Path file = repositoryRoot.resolve(SOURCE_DIRECTORY).resolve(script);
            try {
                digests.put(script, sha256(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read pipeline script " + file.toAbsolutePath(), e);
            }
        }
        return new PipelineCode(digests);
    }

    /**
     * The scripts as this program carries them: {@code mvn package} copies {@code src/main/python/pipelines/} onto the class path, so the
     * text that is hashed is the text that is uploaded, whatever directory the program runs in.
     */
    public static PipelineCode fromClasspath() {
        Map<String, String> digests = new TreeMap<>();
        for (String script : SCRIPTS) {
            digests.put(script, sha256(text(script)));
        }
        return new PipelineCode(digests);
    }

    /** A script's text from the class path, line endings normalised to LF. */
    public static String text(String script) {
        try (var in = PipelineCode.class.getResourceAsStream("/" + script)) {
            if (in == null) {
                throw new IllegalStateException(script + " is not on the class path; build with mvn package (it copies pipelines/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pipeline script " + script, e);
        }
    }

    /**
     * SHA-256 of the text with line endings normalised to LF, so a checkout with CRLF line endings gives the same
     * digest, and the same definition, as one with LF.
     */
    public static String sha256(String text) {
        try {
            byte[] bytes = text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The artifacts-bucket key of {@code script}: {@code pipeline-code/<first 16 hex of its SHA-256>/<file name>}. */
    public String key(String script) {
        String digest = sha256ByPath.get(script);
        if (digest == null) {
            throw new IllegalArgumentException("no digest for pipeline script " + script + "; known: " + sha256ByPath.keySet());
        }
        return KEY_PREFIX + "/" + digest.substring(0, 16) + "/" + script.substring(script.lastIndexOf('/') + 1);
    }
}

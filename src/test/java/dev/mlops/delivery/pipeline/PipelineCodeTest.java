package dev.mlops.delivery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts are addressed by their content, independent of the checkout's line endings. */
class PipelineCodeTest {

    @Test
    void everyScriptOfTheRepositoryIsRead() {
        PipelineCode code = PipelineCode.fromRepository(Path.of("").toAbsolutePath());
        assertThat(code.sha256ByPath()).containsOnlyKeys(PipelineCode.SCRIPTS);
    }

    @Test
    void aKeyHoldsTheDigestAndTheFileName() {
        PipelineCode code = new PipelineCode(Map.of(PipelineCode.EVALUATE, "ab".repeat(32)));
        assertThat(code.key(PipelineCode.EVALUATE)).isEqualTo("pipeline-code/abababababababab/evaluate.py");
        assertThatThrownBy(() -> code.key(PipelineCode.INGEST)).hasMessageContaining("no digest for pipeline script pipelines/data/ingest.py");
    }

    @Test
    void crlfAndLfCheckoutsGiveTheSameDigest() {
        assertThat(PipelineCode.sha256("a\r\nb\r\n")).isEqualTo(PipelineCode.sha256("a\nb\n"));
        assertThat(PipelineCode.sha256("a\nb\n")).isNotEqualTo(PipelineCode.sha256("a\nb"));
    }

    @Test
    void aMissingScriptIsAnError(@TempDir Path empty) {
        assertThatThrownBy(() -> PipelineCode.fromRepository(empty)).hasMessageContaining("cannot read pipeline script");
    }

    @Test
    void digestsAreLowercaseSha256() {
        assertThatThrownBy(() -> new PipelineCode(Map.of(PipelineCode.EVALUATE, "XYZ"))).hasMessageContaining("SHA-256");
        assertThat(PipelineCode.sha256("x")).matches("[0-9a-f]{64}")
                .isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
    }
}

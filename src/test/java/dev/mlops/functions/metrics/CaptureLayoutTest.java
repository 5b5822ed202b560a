package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CaptureLayoutTest {

    private static final Instant HOUR = Instant.parse("2026-03-04T05:00:00Z");

    @Test
    void placesCaptureFilesWhereSageMakerWritesThem() {
        CaptureLayout layout = new CaptureLayout("/datacapture/", "ground-truth", "house-prices");

        assertThat(layout.captureFolder("AllTraffic", HOUR)).isEqualTo("datacapture/house-prices/AllTraffic/2026/03/04/05/");
    }

    @Test
    void placesGroundTruthPerEndpointAndCollectionHour() {
        CaptureLayout layout = new CaptureLayout("", "/ground-truth/", "house-prices");

        assertThat(layout.groundTruthFolder(HOUR)).isEqualTo("ground-truth/house-prices/2026/03/04/05/");
    }

    @Test
    void anEmptyCapturePrefixIsTheBucketRoot() {
        assertThat(new CaptureLayout(null, "gt", "e").captureFolder("v", HOUR)).isEqualTo("e/v/2026/03/04/05/");
    }
}

package dev.mlops.serving;

/**
 * Where the capture bucket holds each endpoint's data, shared by the endpoint (which writes), the quality
 * metrics function (which reads) and the applications that upload ground truth:
 * <ul>
 *   <li>{@code capture/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl}: requests and responses, written by SageMaker
 *       below the endpoint configuration's destination {@code s3://<bucket>/capture};</li>
 *   <li>{@code ground-truth/<endpoint>/yyyy/mm/dd/hh/*.jsonl}: labels by inference id, uploaded by applications.</li>
 * </ul>
 */
public final class CaptureLocation {

    /** Key prefix of data capture, below which SageMaker adds {@code <endpoint>/<variant>/...}. */
    public static final String CAPTURE_PREFIX = "capture";
    /** Key prefix of ground-truth labels. */
    public static final String GROUND_TRUTH_PREFIX = "ground-truth";

    private CaptureLocation() {
    }

    /** The endpoint configuration's {@code DestinationS3Uri}. */
    public static String destination(String bucket) {
        return "s3://" + bucket + "/" + CAPTURE_PREFIX;
    }
}

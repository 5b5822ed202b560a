package dev.mlops.delivery.pipeline;

import java.util.Map;
import java.util.TreeSet;

/**
 * The URIs of SageMaker's first-party images the pipelines run: the built-in XGBoost algorithm (training,
 * evaluation, inference) and scikit-learn (plain Python processing). Each region hosts them in an AWS-owned
 * ECR registry; the accounts below are taken from sagemaker-python-sdk's
 * {@code image_uri_config/xgboost.json} (version {@value #XGBOOST_VERSION}) and {@code sklearn.json} (version
 * {@value #SKLEARN_VERSION}), which list the same account for every region (a test compares this table with
 * those files). The isolated regions (us-iso*) are left out: their ECR hosts use other domains.
 */
public final class BuiltInImages {

    public static final String XGBOOST_VERSION = "1.7-1";
    public static final String SKLEARN_VERSION = "1.2-1";
    /** sagemaker-python-sdk tags scikit-learn images {@code <version>-<processor>-<python>}; XGBoost {@code <version>}. */
    static final String SKLEARN_TAG = SKLEARN_VERSION + "-cpu-py3";

    static final Map<String, String> ACCOUNTS = Map.ofEntries(
            Map.entry("af-south-1", "510948584623"),
            Map.entry("ap-east-1", "651117190479"),
            Map.entry("ap-northeast-1", "354813040037"),
            Map.entry("ap-northeast-2", "366743142698"),
            Map.entry("ap-northeast-3", "867004704886"),
            Map.entry("ap-south-1", "720646828776"),
            Map.entry("ap-south-2", "628508329040"),
            Map.entry("ap-southeast-1", "121021644041"),
            Map.entry("ap-southeast-2", "783357654285"),
            Map.entry("ap-southeast-3", "951798379941"),
            Map.entry("ap-southeast-4", "106583098589"),
            Map.entry("ca-central-1", "341280168497"),
            Map.entry("ca-west-1", "190319476487"),
            Map.entry("cn-north-1", "450853457545"),
            Map.entry("cn-northwest-1", "451049120500"),
            Map.entry("eu-central-1", "492215442770"),
            Map.entry("eu-central-2", "680994064768"),
            Map.entry("eu-north-1", "662702820516"),
            Map.entry("eu-south-1", "978288397137"),
            Map.entry("eu-south-2", "104374241257"),
            Map.entry("eu-west-1", "141502667606"),
            Map.entry("eu-west-2", "764974769150"),
            Map.entry("eu-west-3", "659782779980"),
            Map.entry("il-central-1", "898809789911"),
            Map.entry("me-central-1", "272398656194"),
            Map.entry("me-south-1", "801668240914"),
            Map.entry("sa-east-1", "737474898029"),
            Map.entry("us-east-1", "683313688378"),
            Map.entry("us-east-2", "257758044811"),
            Map.entry("us-gov-east-1", "237065988967"),
            Map.entry("us-gov-west-1", "414596584902"),
            Map.entry("us-west-1", "746614075791"),
            Map.entry("us-west-2", "246618743249"));

    private BuiltInImages() {
    }

    /** The built-in XGBoost image, e.g. {@code 141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1}. */
    public static String xgboost(String region) {
        return uri(region, "sagemaker-xgboost", XGBOOST_VERSION);
    }

    /** The scikit-learn processing image, e.g. {@code ...amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3}. */
    public static String sklearn(String region) {
        return uri(region, "sagemaker-scikit-learn", SKLEARN_TAG);
    }

    private static String uri(String region, String repository, String tag) {
        String account = ACCOUNTS.get(region);
        if (account == null) {
            throw new IllegalArgumentException("no SageMaker built-in image registry is known for region " + Constraints.quote(region)
                    + "; known regions: " + String.join(", ", new TreeSet<>(ACCOUNTS.keySet())));
        }
        // China regions use the amazonaws.com.cn domain (sagemaker-python-sdk resolves it through botocore's endpoints).
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return account + ".dkr.ecr." + region + "." + domain + "/" + repository + ":" + tag;
    }
}

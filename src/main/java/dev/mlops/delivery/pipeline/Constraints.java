package dev.mlops.delivery.pipeline;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits AWS documents for the values a pipeline definition carries, in one place, each with where it
 * comes from. Sources: the SageMaker API model (botocore {@code sagemaker/2017-07-24/service-2.json}) and
 * AWS's pipeline definition JSON schema; where the two differ, the stricter one is used.
 */
final class Constraints {

    /** StepName: {@code [A-Za-z0-9\-_]*}, at most 64 (API); the definition schema also requires at least 1. */
    static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9\\-_]{1,64}");
    /** Definition schema ParameterName {@code ^[A-Za-z0-9\-_]{1,64}$} (the StartPipelineExecution API allows 256). */
    static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9\\-_]{1,64}");
    /** Definition schema: a String parameter's DefaultValue has at most 4096 characters; so does a Description. */
    static final int MAX_DEFAULT_STRING = 4096;
    static final int MAX_DESCRIPTION = 4096;
    /** API PipelineDefinition: at most 1,048,576 characters. */
    static final int MAX_DEFINITION_LENGTH = 1_048_576;
    /** API RoleArn. */
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    /** API KmsKeyId: at most 2048 of {@code [a-zA-Z0-9:/_-]}; we also require a key or alias ARN, never a bare id. */
    static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z\\-]*:kms:[a-z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z0-9:/_-]+");
    /** API S3Uri: {@code (https|s3)://([^/]+)/?(.*)}, at most 1024; we only write {@code s3://}. */
    static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/.*)?");
    static final int MAX_S3_URI = 1024;
    /** S3 bucket names (S3 naming rules: 3 to 63 lowercase letters, digits, dots and hyphens). */
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    /** API ProcessingLocalPath: at most 256; the API reference requires it to begin with /opt/ml/processing/. */
    static final String PROCESSING_ROOT = "/opt/ml/processing/";
    static final int MAX_LOCAL_PATH = 256;
    /** API ProcessingInputs/ProcessingOutputs: at most 10 each. */
    static final int MAX_PROCESSING_IO = 10;
    /** API ContainerEntrypoint/ContainerArguments: 1 to 100 items of at most 256 characters. */
    static final int MAX_CONTAINER_ITEMS = 100;
    static final int MAX_CONTAINER_ITEM = 256;
    /** API ProcessingEnvironmentMap: at most 100 entries, key {@code [a-zA-Z_][a-zA-Z0-9_]*} up to 256, value up to 256. */
    static final Pattern ENVIRONMENT_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,255}");
    static final int MAX_ENVIRONMENT = 100;
    static final int MAX_ENVIRONMENT_VALUE = 256;
    /** API ProcessingMaxRuntimeInSeconds: 1 to 777,600 (9 days). */
    static final int MAX_PROCESSING_RUNTIME = 777_600;
    /** Training MaxRuntimeInSeconds: at least 1; the developer guide caps a training job at 28 days. */
    static final int MAX_TRAINING_RUNTIME = 28 * 24 * 3600;
    /** API ProcessingInstanceCount 1..100, ProcessingVolumeSizeInGB 1..16384. */
    static final int MAX_PROCESSING_INSTANCES = 100;
    static final int MAX_PROCESSING_VOLUME_GB = 16_384;
    /** API ChannelName: {@code [A-Za-z0-9\.\-_]+}, 1 to 64. */
    static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9.\\-_]{1,64}");
    /** API HyperParameters: at most 100 entries, key up to 256, value up to 2500. */
    static final int MAX_HYPERPARAMETERS = 100;
    static final int MAX_HYPERPARAMETER_KEY = 256;
    static final int MAX_HYPERPARAMETER_VALUE = 2500;
    /** API AlgorithmImage / ImageUri / ContainerImage: at most 255. */
    static final int MAX_IMAGE = 255;
    /** API VpcSecurityGroupIds 1..5, Subnets 1..16, each {@code [-0-9a-zA-Z]+} up to 32. */
    static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]{1,32}");
    static final int MAX_SECURITY_GROUPS = 5;
    static final int MAX_SUBNETS = 16;
    /** API ArnOrName for ModelPackageGroupName (name form): {@code [a-zA-Z0-9]([a-zA-Z0-9-]){0,62}} not ending in '-'. */
    static final Pattern MODEL_PACKAGE_GROUP = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]{0,62}(?<!-)");
    /** API EntityDescription: at most 1024 of letters, marks, separators, symbols, numbers and punctuation. */
    static final Pattern ENTITY_DESCRIPTION = Pattern.compile("[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]{0,1024}");
    /** API CustomerMetadataMap: 1 to 50 entries; key 1..128, value 1..256 of {@code [\p{L}\p{Z}\p{N}_.:\/=+\-@]}. */
    static final Pattern CUSTOMER_METADATA_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    static final Pattern CUSTOMER_METADATA_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");
    static final int MAX_CUSTOMER_METADATA = 50;
    /** API ModelPackageContainerDefinitionList: 1 to 15. */
    static final int MAX_PACKAGE_CONTAINERS = 15;
    /** Region names as AWS spells them, e.g. eu-west-1, us-gov-west-1. */
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private Constraints() {
    }

    static String matches(String value, Pattern pattern, String what, String explanation) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": " + quote(value) + " is not " + explanation);
        }
        return value;
    }

    static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    static String maxLength(String value, int max, String what) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " has " + value.length() + " characters; at most " + max + " are allowed");
        }
        return value;
    }

    static int range(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + ": " + value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    static <T> List<T> size(List<T> values, int min, int max, String what) {
        if (values.size() < min || values.size() > max) {
            throw new IllegalArgumentException(what + " has " + values.size() + " items; " + min + " to " + max + " are allowed");
        }
        return values;
    }

    static <K, V> Map<K, V> size(Map<K, V> values, int max, String what) {
        if (values.size() > max) {
            throw new IllegalArgumentException(what + " has " + values.size() + " entries; at most " + max + " are allowed");
        }
        return values;
    }

    static void unique(Collection<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException(what + " \"" + name + "\" is used more than once");
            }
        }
    }

    /** A literal value is checked now; a runtime expression is checked by SageMaker when the step starts. */
    static void literal(Expr value, java.util.function.Consumer<String> check) {
        if (value instanceof Expr.Text text) {
            check.accept(text.value());
        }
    }

    static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}

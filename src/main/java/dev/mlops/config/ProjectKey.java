package dev.mlops.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The top-level keys of the {@code mlops} namespace. Keys Pulumi's project schema can type (text, whole
 * numbers, booleans, lists of those) are declared in {@code Pulumi.yaml} with the same type, description
 * and default (a test keeps the two equal); structured keys can only be documented there.
 */
public enum ProjectKey {
    ENVIRONMENT("environment", "string", null,
            "Name of this environment (a key of mlops:accounts); used in resource names and tags."),
    OWNER("owner", "string", null, "Team that owns the stack; the 'owner' tag on every resource."),
    COST_CENTER("costCenter", "string", null, "Cost center billed for the stack; the 'cost-center' tag on every resource."),
    HOLDS_REAL_DATA("holdsRealData", "boolean", Boolean.TRUE,
            "Protect and retain buckets, keys and registries on delete because the stack holds real data."),
    ALERT_EMAILS("alertEmails", "array<string>", null, "E-mail addresses that receive alarm notifications."),
    ACCOUNTS("accounts", null, null, "AWS account id per environment name, this stack's and its peers'."),
    DATA("data", null, null, "Data lake retention: capture data, old object versions, KMS deletion window."),
    IDENTITY("identity", null, null, "Who may assume the persona roles: accounts (with MFA), a SAML provider, or IAM Identity Center."),
    NETWORK("network", null, null, "The private network: CIDR, availability zones, NAT gateway, interface endpoints."),
    WORKBENCH("workbench", null, null, "The scientists' Studio domain and MLflow tracking server."),
    DATA_SOURCES("dataSources", null, null, "What data engineers ingest: source, schedule, and the expectations a batch must meet."),
    MODELS("models", null, null, "The regression models the platform ships: name, tag, data, training, thresholds, repository."),
    SCIENTISTS("scientists", null, null, "Data scientists who get a Studio user profile."),
    PROMOTION("promotion", null, null, "The stack approved models are promoted from (sourceStack), read by stack reference."),
    REGISTRY("registry", null, null, "Environments (of mlops:accounts) whose account may read and deploy this stack's model packages (sharedWith)."),
    SERVING("serving", null, null, "How models are served: shadow tests or guarded rollouts, data capture, API throttling."),
    DEPLOYMENT("deployment", null, null, "Continuous deployment: the pipeline that runs pulumi up on registry events, or the role it assumes.");

    private final String key;
    private final String pulumiType;
    private final Object defaultValue;
    private final String description;

    ProjectKey(String key, String pulumiType, Object defaultValue, String description) {
        this.key = key;
        this.pulumiType = pulumiType;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key without namespace, e.g. {@code models}. */
    public String key() {
        return key;
    }

    /** The type as {@code Pulumi.yaml} declares it, or empty for structured keys it cannot declare. */
    public Optional<String> pulumiType() {
        return Optional.ofNullable(pulumiType);
    }

    public Optional<Object> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public static Optional<ProjectKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}

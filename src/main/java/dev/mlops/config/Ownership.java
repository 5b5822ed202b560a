package dev.mlops.config;

/** Who pays for and answers for the stack; both end up as default tags on every AWS resource. */
public record Ownership(String owner, String costCenter) {
}

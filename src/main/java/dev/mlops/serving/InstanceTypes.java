package dev.mlops.serving;

import java.util.Set;

/** Facts about SageMaker hosting instance types that decide how an endpoint may be configured. */
public final class InstanceTypes {

    // Families with NVMe instance storage whose names carry no 'd' (GPU and Trainium generations).
    private static final Set<String> LOCAL_STORAGE_FAMILIES = Set.of("g5", "g6", "g6e", "gr6", "p4de", "p5", "p5e", "p5en", "trn1", "trn1n");

    private InstanceTypes() {
    }

    /**
     * Whether the instance type stores data on local NVMe instance storage, which SageMaker encrypts in hardware:
     * CreateEndpointConfig then refuses a {@code KmsKeyId}. Families with a {@code d} after the generation
     * ({@code ml.m5d}, {@code ml.c6id}, {@code ml.g4dn}, {@code ml.p4d}) and the GPU/Trainium families listed above.
     */
    public static boolean hasLocalStorage(String instanceType) {
        String[] parts = instanceType.split("\\.");
        if (parts.length != 3 || !parts[0].equals("ml")) {
            return false;
        }
        String family = parts[1];
        return family.matches("[a-z]+\\d+[a-z]*d[a-z]*") || LOCAL_STORAGE_FAMILIES.contains(family);
    }

    /** Whether it is an AWS Inferentia 1 type, on which deployment guardrails fall back to all at once. */
    public static boolean isInferentia1(String instanceType) {
        return instanceType.startsWith("ml.inf1.");
    }
}

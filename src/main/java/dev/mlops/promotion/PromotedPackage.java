package dev.mlops.promotion;

import dev.mlops.serving.lookup.ModelPackageArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model's approved package as a stack exports it in {@value #OUTPUT}: what a stack that promotes from it
 * may deploy, and what the stack itself serves as its champion.
 *
 * @param modelPackageArn the versioned model package
 * @param modelVersion    its {@code V<tag>.<manual>.<auto>} (or {@code package-<n>} when the registry had none)
 * @param placeholder     a stand-in of an offline preview, not a real package
 */
public record PromotedPackage(String modelPackageArn, String modelVersion, boolean placeholder) {

    /** The stack output: model name to {@code {modelPackageArn, modelVersion[, placeholder]}}. */
    public static final String OUTPUT = "approvedModelPackages";

    public PromotedPackage {
        Objects.requireNonNull(modelPackageArn, "modelPackageArn");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }

    /** The output value of one package. */
    public Map<String, Object> asOutput() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modelPackageArn", modelPackageArn);
        out.put("modelVersion", modelVersion);
        if (placeholder) {
            out.put("placeholder", true);
        }
        return out;
    }

    /**
     * Reads the output of a stack ({@code null} when it has none). Entries that are not well formed are
     * left out and described in {@code problems}, so one bad entry never blocks the other models.
     */
    public static Map<String, PromotedPackage> parse(Object output, String stack, List<String> problems) {
        Map<String, PromotedPackage> packages = new LinkedHashMap<>();
        if (output == null) {
            return packages;
        }
        if (!(output instanceof Map<?, ?> map)) {
            problems.add("stack " + stack + " exports " + OUTPUT + " as " + describe(output) + ", not a map of model names");
            return packages;
        }
        for (var e : map.entrySet()) {
            String model = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> entry)) {
                problems.add("stack " + stack + " exports " + OUTPUT + "." + model + " as " + describe(e.getValue())
                        + ", not {modelPackageArn, modelVersion}");
                continue;
            }
            Object arn = entry.get("modelPackageArn");
            Object version = entry.get("modelVersion");
            List<String> wrong = new ArrayList<>();
            if (!(arn instanceof String a) || !isPackageArn(a)) {
                wrong.add("modelPackageArn " + describe(arn) + " is not a versioned model package ARN");
            }
            if (!(version instanceof String v) || v.isBlank()) {
                wrong.add("modelVersion " + describe(version) + " is not a version");
            }
            if (!wrong.isEmpty()) {
                problems.add("stack " + stack + " exports " + OUTPUT + "." + model + " with " + String.join(" and ", wrong));
                continue;
            }
            packages.put(model, new PromotedPackage((String) arn, (String) version, Boolean.TRUE.equals(entry.get("placeholder"))));
        }
        return packages;
    }

    private static boolean isPackageArn(String arn) {
        try {
            ModelPackageArn.parse(arn);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}

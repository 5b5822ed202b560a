package dev.mlops.serving.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model registry as a JSON file describes it: what the offline preview's {@code --registry FILE} reads, so a
 * reviewer can preview a stack against a given registry state without credentials.
 * <p>
 * The file maps each model package group to exactly what
 * {@code aws sagemaker list-model-packages --model-package-group-name <group> --model-package-type Versioned} prints:
 * <pre>{@code
 * {
 *   "description": "optional: what this registry state is for",
 *   "modelPackageGroups": {
 *     "mlops-prod-house-prices": {
 *       "ModelPackageSummaryList": [
 *         {
 *           "ModelPackageArn": "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-prod-house-prices/2",
 *           "ModelPackageVersion": 2,
 *           "ModelApprovalStatus": "PendingManualApproval",
 *           "CreationTime": "2026-05-04T09:12:00+00:00"
 *         }
 *       ]
 *     }
 *   }
 * }
 * }</pre>
 * Each summary needs {@code ModelPackageArn}, {@code ModelPackageVersion} (matching the ARN's last segment),
 * {@code ModelApprovalStatus} (Approved, PendingManualApproval or Rejected) and {@code CreationTime} (ISO-8601 with an
 * offset, or epoch seconds as the raw API returns them). {@code ModelPackageGroupName}, when given, must match the
 * group; a {@code ModelPackageStatus} other than Completed leaves the package out, as SageMaker would not deploy it;
 * other fields ({@code ModelPackageDescription}, {@code NextToken}, ...) are ignored. A group with nothing registered
 * is an empty list. Problems are reported all at once, each with its JSON path, in an {@link IllegalArgumentException}
 * whose message starts with the file's name.
 */
public final class FixtureModelPackageLookup implements ModelPackageLookup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("description", "modelPackageGroups");

    private final Path file;
    private final Map<String, List<PackageSummary>> groups;
    private final Map<String, Integer> leftOut;

    private FixtureModelPackageLookup(Path file, Map<String, List<PackageSummary>> groups, Map<String, Integer> leftOut) {
        this.file = file;
        this.groups = Collections.unmodifiableMap(groups);
        this.leftOut = Collections.unmodifiableMap(leftOut);
    }

    /**
     * Reads and checks the whole file at once, so a mistake shows before any preview work.
     *
     * @throws IllegalArgumentException naming the file and every problem in it
     */
    public static FixtureModelPackageLookup read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("registry fixture " + file + " cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("registry fixture " + file + " is not JSON: " + e.getOriginalMessage() + where, e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, List<PackageSummary>> groups = new LinkedHashMap<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        if (root == null || !root.isObject()) {
            problems.add("(file): expected a JSON object with a \"modelPackageGroups\" object");
        } else {
            root.fieldNames().forEachRemaining(key -> {
                if (!TOP_LEVEL_KEYS.contains(key)) {
                    problems.add(key + ": unknown key; the file holds \"modelPackageGroups\" and an optional \"description\"");
                }
            });
            JsonNode description = root.get("description");
            if (description != null && !description.isTextual()) {
                problems.add("description: expected text");
            }
            JsonNode groupsNode = root.get("modelPackageGroups");
            if (groupsNode == null || !groupsNode.isObject()) {
                problems.add("modelPackageGroups: " + (groupsNode == null ? "is required" : "expected an object")
                        + ": model package group name -> the output of `aws sagemaker list-model-packages`");
            } else {
                for (Map.Entry<String, JsonNode> e : groupsNode.properties()) {
                    readGroup(e.getKey(), e.getValue(), problems, groups, leftOut);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("registry fixture " + file + " has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new FixtureModelPackageLookup(file, groups, leftOut);
    }

    private static void readGroup(String group, JsonNode node, List<String> problems, Map<String, List<PackageSummary>> groups,
                                  Map<String, Integer> leftOut) {
        String path = "modelPackageGroups." + group;
        if (!ModelPackageArn.isGroupName(group)) {
            problems.add(path + ": \"" + group + "\" is not a model package group name"
                    + " (1 to 63 letters, digits and hyphens, starting and ending with a letter or digit)");
            return;
        }
        JsonNode list = node == null ? null : node.get("ModelPackageSummaryList");
        if (node == null || !node.isObject() || list == null || !list.isArray()) {
            problems.add(path + ": expected {\"ModelPackageSummaryList\": [...]}, as `aws sagemaker list-model-packages` prints it");
            return;
        }
        List<PackageSummary> packages = new ArrayList<>();
        Map<Integer, String> versions = new LinkedHashMap<>();
        int skipped = 0;
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".ModelPackageSummaryList[" + i + "]";
            JsonNode s = list.get(i);
            if (!s.isObject()) {
                problems.add(at + ": expected an object");
                continue;
            }
            int before = problems.size();
            String arn = text(s, "ModelPackageArn", at, problems);
            Integer version = version(s, at, problems);
            String approval = text(s, "ModelApprovalStatus", at, problems);
            Instant created = creationTime(s, at, problems);
            ApprovalStatus status = null;
            if (approval != null) {
                try {
                    status = ApprovalStatus.fromApiName(approval);
                } catch (IllegalArgumentException e) {
                    problems.add(at + ".ModelApprovalStatus: " + e.getMessage());
                }
            }
            if (arn != null) {
                try {
                    ModelPackageArn parsed = ModelPackageArn.parse(arn);
                    if (!parsed.isIn(group)) {
                        problems.add(at + ".ModelPackageArn: " + arn + " is in group " + parsed.group() + ", not " + group);
                    } else if (version != null && parsed.version() != version) {
                        problems.add(at + ".ModelPackageVersion: " + version + " differs from the ARN's version " + parsed.version());
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(at + ".ModelPackageArn: " + e.getMessage());
                }
            }
            JsonNode groupName = s.get("ModelPackageGroupName");
            if (groupName != null && !(groupName.isTextual() && groupName.asText().equalsIgnoreCase(group))) {
                problems.add(at + ".ModelPackageGroupName: " + groupName + " differs from the group it is listed under, " + group);
            }
            if (version != null) {
                String earlier = versions.putIfAbsent(version, at);
                if (earlier != null) {
                    problems.add(at + ".ModelPackageVersion: version " + version + " is also listed at " + earlier);
                }
            }
            JsonNode registration = s.get("ModelPackageStatus");
            if (problems.size() > before) {
                continue;
            }
            if (registration != null && !"Completed".equals(registration.asText())) {
                skipped++;
                continue;
            }
            packages.add(new PackageSummary(arn, version, status, created));
        }
        groups.put(group, packages);
        leftOut.put(group, skipped);
    }

    private static String text(JsonNode s, String field, String at, List<String> problems) {
        JsonNode v = s.get(field);
        if (v == null || v.isNull()) {
            problems.add(at + "." + field + ": is required");
            return null;
        }
        if (!v.isTextual()) {
            problems.add(at + "." + field + ": expected text, found " + v);
            return null;
        }
        return v.asText();
    }

    private static Integer version(JsonNode s, String at, List<String> problems) {
        JsonNode v = s.get("ModelPackageVersion");
        if (v == null || v.isNull()) {
            problems.add(at + ".ModelPackageVersion: is required");
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            problems.add(at + ".ModelPackageVersion: " + v + " is not a positive whole number");
            return null;
        }
        return v.asInt();
    }

    private static Instant creationTime(JsonNode s, String at, List<String> problems) {
        JsonNode v = s.get("CreationTime");
        if (v == null || v.isNull()) {
            problems.add(at + ".CreationTime: is required");
            return null;
        }
        if (v.isNumber()) {
            BigDecimal seconds = v.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(at + ".CreationTime: " + v + " is not a time; expected ISO-8601 with an offset, e.g. 2026-05-04T09:12:00+00:00,"
                    + " or epoch seconds");
            return null;
        }
    }

    /** The file this registry was read from. */
    public Path file() {
        return file;
    }

    /** The groups the file lists, in its order. */
    public Set<String> groups() {
        return groups.keySet();
    }

    /**
     * @throws IllegalArgumentException naming the file and the groups it lists when it lists no such group
     */
    @Override
    public Selection select(String modelPackageGroupName) {
        String key = groups.containsKey(modelPackageGroupName) ? modelPackageGroupName
                : groups.keySet().stream().filter(g -> g.equalsIgnoreCase(modelPackageGroupName)).findFirst().orElse(null);
        if (key == null) {
            throw new IllegalArgumentException("registry fixture " + file + " lists no model package group \""
                    + modelPackageGroupName + "\"" + (groups.isEmpty() ? "" : "; it lists " + String.join(", ", groups.keySet()))
                    + ". Add the group, with an empty ModelPackageSummaryList if nothing is registered in it");
        }
        Selection s = ChampionChallengerRule.select(key, groups.get(key));
        int skipped = leftOut.get(key);
        String note = " (registry fixture " + file.getFileName()
                + (skipped == 0 ? "" : "; left out " + skipped + (skipped == 1 ? " package" : " packages") + " not Completed") + ")";
        return new Selection(s.championArn(), s.challengerArn(), false, s.reason() + note);
    }
}

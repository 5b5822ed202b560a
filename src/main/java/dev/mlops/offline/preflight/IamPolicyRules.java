package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.offline.ResourceState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What IAM (and the services that take resource policies) reject in a policy document: documents over the
 * size limit (white space does not count), a missing version or statement, a statement without effect,
 * action or resource, a trust policy without principal, repeated or malformed Sids, actions that are not
 * {@code service:Action}, and resources that are neither {@code *} nor ARNs. Inline role policies are
 * limited together, per role.
 */
final class IamPolicyRules implements PreflightRule {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTION = Pattern.compile("\\*|[a-z0-9-]+:[A-Za-z0-9*]+");
    private static final Pattern ARN = Pattern.compile("\\*|arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]+:[a-z0-9-*]*:(\\d{12}|\\*)?:.+");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]*");

    /** @param limit characters without white space; {@code trust} for assume-role documents */
    private record Document(String property, int limit, boolean trust, boolean resourcePolicy) {
    }

    private static final Map<String, Document> DOCUMENTS = Map.of(
            "aws:iam/policy:Policy", new Document("policy", 6144, false, false),
            "aws:iam/rolePolicy:RolePolicy", new Document("policy", 10240, false, false),
            // 2048 is the default quota for role trust policies (it can be raised to 4096).
            "aws:iam/role:Role", new Document("assumeRolePolicy", 2048, true, false),
            "aws:s3/bucketPolicy:BucketPolicy", new Document("policy", 20480, false, true),
            "aws:kms/key:Key", new Document("policy", 32768, false, true),
            "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy", new Document("resourcePolicy", 20480, false, true));

    private final Map<String, Integer> inlineSizePerRole = new HashMap<>();

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        Document document = DOCUMENTS.get(resource.type());
        if (document == null) {
            return;
        }
        JsonNode value = resource.input(document.property());
        if (!value.isTextual() || value.asText().equals("[secret]")) {
            return;
        }
        String text = value.asText();
        JsonNode policy;
        try {
            policy = JSON.readTree(text);
        } catch (Exception e) {
            findings.add(new Finding(resource.urn(), document.property(), "is not a JSON policy document"));
            return;
        }
        int size = text.replaceAll("\\s", "").length();
        if (size > document.limit()) {
            findings.add(new Finding(resource.urn(), document.property(), "is " + size + " characters without white space; "
                    + "AWS allows " + document.limit() + " for this kind of policy"));
        }
        if (resource.type().equals("aws:iam/rolePolicy:RolePolicy")) {
            String role = resource.input("role").asText("");
            int total = inlineSizePerRole.merge(role, size, Integer::sum);
            if (total > 10240 && total - size <= 10240) {
                findings.add(new Finding(resource.urn(), document.property(), "brings the inline policies of role " + role
                        + " to " + total + " characters; IAM allows 10240 per role"));
            }
        }
        for (String problem : problems(policy, document)) {
            findings.add(new Finding(resource.urn(), document.property(), problem));
        }
    }

    static List<String> problems(JsonNode policy, Document document) {
        List<String> problems = new ArrayList<>();
        if (!policy.isObject()) {
            return List.of("is not a JSON object");
        }
        if (!"2012-10-17".equals(policy.path("Version").asText())) {
            problems.add("has Version \"" + policy.path("Version").asText() + "\"; use 2012-10-17 (the only version with policy variables)");
        }
        JsonNode statements = policy.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        if (list.isEmpty()) {
            problems.add("has no statements");
        }
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String at = "Statement[" + i + "]";
            String sid = s.path("Sid").asText("");
            if (!SID.matcher(sid).matches()) {
                problems.add(at + ".Sid \"" + sid + "\" may hold only letters and digits");
            } else if (!sid.isEmpty() && !sids.add(sid)) {
                problems.add(at + ".Sid \"" + sid + "\" is used by another statement");
            }
            String effect = s.path("Effect").asText("");
            if (!effect.equals("Allow") && !effect.equals("Deny")) {
                problems.add(at + ".Effect \"" + effect + "\" is not allowed: Allow or Deny");
            }
            List<String> actions = values(s, "Action", "NotAction");
            if (actions.isEmpty()) {
                problems.add(at + " has no Action");
            }
            actions.stream().filter(a -> !ACTION.matcher(a).matches())
                    .forEach(a -> problems.add(at + " action \"" + a + "\" is not service:Action"));
            boolean hasPrincipal = s.has("Principal") || s.has("NotPrincipal");
            if (document.trust()) {
                if (!hasPrincipal) {
                    problems.add(at + " has no Principal; a trust policy names who may assume the role");
                }
                if (s.has("Resource")) {
                    problems.add(at + " has a Resource; a trust policy takes none");
                }
            } else {
                List<String> resources = values(s, "Resource", "NotResource");
                if (resources.isEmpty()) {
                    problems.add(at + " has no Resource");
                }
                resources.stream().filter(r -> !ARN.matcher(r).matches())
                        .forEach(r -> problems.add(at + " resource \"" + r + "\" is neither * nor an ARN"));
                if (document.resourcePolicy() && !hasPrincipal) {
                    problems.add(at + " has no Principal; a resource policy names whom it applies to");
                }
                if (!document.resourcePolicy() && hasPrincipal) {
                    problems.add(at + " has a Principal; an identity policy takes none");
                }
            }
        }
        return problems;
    }

    private static List<String> values(JsonNode statement, String field, String negated) {
        JsonNode node = statement.has(field) ? statement.get(field) : statement.path(negated);
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}

package dev.mlops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Enough of IAM's evaluation logic to state access rules the way a reviewer would ("a data scientist cannot
 * read the raw bucket"): an explicit deny wins, then an allow, else the request is implicitly denied.
 * Actions match case-insensitively with {@code *} and {@code ?}; resources case-sensitively. Conditions are
 * not evaluated: a statement with conditions is reported as conditional, so a test can insist on an
 * unconditional deny where the rule has no exceptions.
 */
public final class IamEvaluator {

    public enum Decision { EXPLICIT_DENY, CONDITIONAL_DENY, ALLOW, CONDITIONAL_ALLOW, IMPLICIT_DENY }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> statements = new ArrayList<>();

    public static IamEvaluator of(List<String> policyDocuments) {
        IamEvaluator evaluator = new IamEvaluator();
        for (String document : policyDocuments) {
            try {
                JsonNode statements = JSON.readTree(document).path("Statement");
                if (statements.isObject()) {
                    evaluator.statements.add(statements);
                } else {
                    statements.forEach(evaluator.statements::add);
                }
            } catch (Exception e) {
                throw new AssertionError("not a policy document: " + document, e);
            }
        }
        return evaluator;
    }

    /**
     * A resource-based policy (bucket, key, queue, model package group) as it applies to one principal: only the
     * statements whose {@code Principal} names it (as {@code AWS} or {@code Service}) or everyone ({@code "*"}).
     *
     * @param principal e.g. {@code arn:aws:iam::222222222222:root} or {@code events.amazonaws.com}
     */
    public static IamEvaluator ofResourcePolicy(String policyDocument, String principal) {
        IamEvaluator all = of(List.of(policyDocument));
        IamEvaluator forPrincipal = new IamEvaluator();
        for (JsonNode s : all.statements) {
            if (s.has("NotPrincipal")) {
                throw new AssertionError("NotPrincipal is not supported here: " + s);
            }
            JsonNode p = s.path("Principal");
            boolean names = p.isTextual() ? p.asText().equals("*")
                    : values(p.path("AWS")).contains(principal) || values(p.path("AWS")).contains("*")
                    || values(p.path("Service")).contains(principal);
            if (names) {
                forPrincipal.statements.add(s);
            }
        }
        return forPrincipal;
    }

    /**
     * The same policy without the statement {@code sid}, for a request its condition does not match, e.g. a request
     * over TLS and the bucket's {@code DenyInsecureTransport}.
     */
    public IamEvaluator ignoring(String sid) {
        IamEvaluator rest = new IamEvaluator();
        statements.stream().filter(s -> !s.path("Sid").asText().equals(sid)).forEach(rest.statements::add);
        if (rest.statements.size() == statements.size()) {
            throw new AssertionError("no statement " + sid + " to ignore");
        }
        return rest;
    }

    /** Every principal any statement names, as {@code AWS:<arn>}, {@code Service:<name>} or {@code *}. */
    public List<String> principals() {
        List<String> principals = new ArrayList<>();
        for (JsonNode s : statements) {
            JsonNode p = s.path("Principal");
            if (p.isTextual()) {
                principals.add(p.asText());
            } else {
                p.properties().forEach(e -> values(e.getValue()).forEach(v -> principals.add(e.getKey() + ":" + v)));
            }
        }
        return principals.stream().distinct().toList();
    }

    public Decision decide(String action, String resource) {
        boolean conditionalDeny = false;
        boolean allow = false;
        boolean conditionalAllow = false;
        for (JsonNode s : statements) {
            if (!matchesAction(s, action) || !matchesResource(s, resource)) {
                continue;
            }
            boolean conditional = s.has("Condition") && s.get("Condition").size() > 0;
            if (s.path("Effect").asText().equals("Deny")) {
                if (!conditional) {
                    return Decision.EXPLICIT_DENY;
                }
                conditionalDeny = true;
            } else if (conditional) {
                conditionalAllow = true;
            } else {
                allow = true;
            }
        }
        if (conditionalDeny) {
            return Decision.CONDITIONAL_DENY;
        }
        return allow ? Decision.ALLOW : conditionalAllow ? Decision.CONDITIONAL_ALLOW : Decision.IMPLICIT_DENY;
    }

    public boolean allows(String action, String resource) {
        return decide(action, resource) == Decision.ALLOW;
    }

    /** Every statement allowing {@code action}, as "Sid: resources". */
    public List<String> grantsOf(String action) {
        List<String> grants = new ArrayList<>();
        for (JsonNode s : statements) {
            if (s.path("Effect").asText().equals("Allow") && matchesAction(s, action)) {
                grants.add(s.path("Sid").asText() + ": " + s.path("Resource"));
            }
        }
        return grants;
    }

    private static boolean matchesAction(JsonNode s, String action) {
        if (s.has("NotAction")) {
            return values(s.get("NotAction")).stream().noneMatch(p -> glob(p, action, true));
        }
        return values(s.path("Action")).stream().anyMatch(p -> glob(p, action, true));
    }

    private static boolean matchesResource(JsonNode s, String resource) {
        if (s.has("NotResource")) {
            return values(s.get("NotResource")).stream().noneMatch(p -> glob(p, resource, false));
        }
        return values(s.path("Resource")).stream().anyMatch(p -> glob(p, resource, false));
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    static boolean glob(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        Pattern p = ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE) : Pattern.compile(regex.toString());
        return p.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }
}

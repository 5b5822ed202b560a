package dev.mlops.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continuous deployment ({@code mlops:deployment}). The stack that runs the pipeline (staging) deploys itself when a
 * model package is registered, rejected or approved, and after an approval, behind a manual approval, the stack it
 * promotes to (prod). The stack it promotes to runs no pipeline; it holds the role that pipeline assumes.
 *
 * @param backend    where the stacks' state lives; the pipeline needs it, a deployed stack only for an {@code s3://} backend
 * @param pipeline   present when this stack runs the deployment pipeline
 * @param deployedBy present when another environment's pipeline deploys this stack: that environment and its account
 */
public record DeploymentSettings(Optional<Backend> backend, Optional<PipelineSettings> pipeline, Optional<Peer> deployedBy) {

    public DeploymentSettings {
        if (pipeline.isPresent() == deployedBy.isPresent()) {
            throw new IllegalArgumentException("a stack either runs the deployment pipeline or is deployed by another's, not both");
        }
        if (pipeline.isPresent() && backend.isEmpty()) {
            throw new IllegalArgumentException("the deployment pipeline needs the backend URL");
        }
    }

    /** An environment of {@code mlops:accounts} that takes part in deployment. */
    public record Peer(String environment, String accountId) {
    }

    /** The stack an approval promotes to, and its environment. */
    public record Target(StackName stack, Peer peer) {
    }

    /**
     * @param stack         this stack, fully qualified ({@code organization/project/stack})
     * @param promoteTo     the stack an approval deploys after staging, behind a manual approval
     * @param secretArn     the Secrets Manager secret holding the Pulumi access token (https backends) or the stacks'
     *                      passphrase (s3 backends)
     * @param pulumiVersion the Pulumi CLI version the build installs
     * @param source        the platform's own repository, whose branch the pipeline deploys
     */
    public record PipelineSettings(StackName stack, Optional<Target> promoteTo, Optional<String> secretArn, String pulumiVersion,
                                   ModelSettings.RepositorySettings source) {
    }

    /** A Pulumi backend URL: {@code https://...} (Pulumi Cloud or a self-hosted service) or {@code s3://bucket[/prefix]}. */
    public record Backend(String url) {

        public boolean isS3() {
            return url.startsWith("s3://");
        }

        /** The S3 bucket holding the state, for an s3 backend. */
        public Optional<String> stateBucket() {
            if (!isS3()) {
                return Optional.empty();
            }
            String rest = url.substring("s3://".length());
            int end = rest.length();
            for (char c : new char[]{'/', '?'}) {
                int at = rest.indexOf(c);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            return Optional.of(rest.substring(0, end));
        }

        /** The key prefix inside the state bucket (empty for the bucket's root). */
        public String statePrefix() {
            if (!isS3()) {
                return "";
            }
            String rest = url.substring("s3://".length());
            int query = rest.indexOf('?');
            String path = query < 0 ? rest : rest.substring(0, query);
            int slash = path.indexOf('/');
            if (slash < 0) {
                return "";
            }
            String prefix = path.substring(slash + 1);
            return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        }

        /** The environment variable the secret goes into: Pulumi reads the access token, or the passphrase, from it. */
        public String secretVariable() {
            return isS3() ? "PULUMI_CONFIG_PASSPHRASE" : "PULUMI_ACCESS_TOKEN";
        }
    }

    /** What the rules need to know about the stack being read. */
    record Context(String project, String stack, String environment, Map<String, String> accounts, String region, String accountId,
                   Optional<PromotionSettings> promotion) {
    }

    static final String RUNS_PIPELINE = "runsPipeline";
    static final Set<String> PIPELINE_ONLY = Set.of("secretArn", "pulumiVersion", "stack", "promoteTo", "source");
    static final Check<String> BACKEND = new Check<>(v -> backendProblem(v).isEmpty(), v -> backendProblem(v).orElse(""));
    static final Pattern SECRET_ARN = Pattern.compile(
            "arn:aws:secretsmanager:([a-z0-9-]+):(\\d{12}):secret:([A-Za-z0-9/_+=.@-]{1,512})-([A-Za-z0-9]{6})");
    static final Check<String> SECRET = Check.pattern(SECRET_ARN.pattern(), "a Secrets Manager secret's complete ARN, ending in the "
            + "six characters Secrets Manager appends to the name, e.g. arn:aws:secretsmanager:eu-west-1:111111111111:secret:"
            + "mlops/pulumi-access-token-a1B2c3 (aws secretsmanager describe-secret prints it)");
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})\\.(0|[1-9]\\d{0,5})");
    static final Check<String> PULUMI_VERSION = new Check<>(
            v -> SEMVER.matcher(v).matches() && Integer.parseInt(v.substring(0, v.indexOf('.'))) >= 3,
            v -> SEMVER.matcher(v).matches()
                    ? Check.quote(v) + " is too old: this program needs Pulumi CLI 3 or later, e.g. 3.248.0"
                    : Check.quote(Check.abbreviate(v)) + " is not a Pulumi CLI release: pin one as major.minor.patch, e.g. 3.248.0");
    private static final Pattern HTTPS = Pattern.compile(
            "https://([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(:\\d{1,5})?(/[A-Za-z0-9._~/-]*)?");
    private static final Pattern S3 = Pattern.compile("s3://([^/?]*)(/[^?]*)?(?:\\?(.*))?");
    private static final Pattern BUCKET = Pattern.compile("(?=.{3,63}$)(?!.*\\.\\.)(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern KEY_PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final String BACKENDS = "https://<host> (Pulumi Cloud: https://api.pulumi.com, or a self-hosted Pulumi service) "
            + "or s3://<bucket>[/<prefix>] (a self-managed backend in S3)";

    private static Optional<String> backendProblem(String url) {
        String quoted = Check.quote(Check.abbreviate(url));
        if (url.startsWith("https://")) {
            return HTTPS.matcher(url).matches() ? Optional.empty()
                    : Optional.of(quoted + " is not a URL the build can log in to: expected https://<host>[:<port>][/<path>], "
                    + "without user, query or fragment, e.g. https://api.pulumi.com");
        }
        if (url.startsWith("http://")) {
            return Optional.of(quoted + " would send the Pulumi access token unencrypted; use https://");
        }
        Matcher s3 = S3.matcher(url);
        if (!url.startsWith("s3://") || !s3.matches()) {
            return Optional.of(quoted + " is not a backend the build can use: expected " + BACKENDS
                    + "; file://, azblob:// and gs:// backends cannot serve a build in AWS");
        }
        if (!BUCKET.matcher(s3.group(1)).matches()) {
            return Optional.of(quoted + ": " + Check.quote(s3.group(1)) + " is not an S3 bucket name (3 to 63 lowercase letters, "
                    + "digits, dots and hyphens, starting and ending with a letter or digit)");
        }
        if (s3.group(2) != null && !KEY_PREFIX.matcher(s3.group(2)).matches()) {
            return Optional.of(quoted + ": the state prefix " + Check.quote(s3.group(2)) + " has characters S3 keys should not: "
                    + "use letters, digits and ! _ . * ' ( ) / -");
        }
        if (s3.group(3) != null) {
            for (String parameter : s3.group(3).split("&", -1)) {
                String[] kv = parameter.split("=", 2);
                boolean ok = kv.length == 2 && switch (kv[0]) {
                    case "region" -> REGION.matcher(kv[1]).matches();
                    case "awssdk" -> kv[1].equals("v1") || kv[1].equals("v2");
                    default -> false;
                };
                if (!ok) {
                    return Optional.of(quoted + ": the query parameter " + Check.quote(parameter) + " is not allowed; the build "
                            + "understands region=<region> and awssdk=v1|v2 (a profile does not exist in the build, and the "
                            + "credentials are its role's)");
                }
            }
        }
        return Optional.empty();
    }

    /** Reads {@code mlops:deployment}; empty when the key is absent (no continuous deployment) or a problem was reported. */
    static Optional<DeploymentSettings> read(ConfigReader m, String key, Context c) {
        Optional<ConfigReader> maybe = m.optionalObject(key);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        ConfigReader r = maybe.get();
        Boolean runs = r.bool(RUNS_PIPELINE).required("true in the stack that runs the deployment pipeline (staging), "
                + "false in the stack that pipeline promotes to (prod)").value();
        Field<String> backendField = r.string("backendUrl").check(BACKEND);
        Field<String> secretField = r.string("secretArn").check(SECRET);
        Field<String> versionField = r.string("pulumiVersion").check(PULUMI_VERSION);
        Field<String> stackField = r.string("stack").check(stackName());
        Field<String> promoteField = r.string("promoteTo").check(stackName());
        boolean hasSource = r.has("source");
        Optional<Backend> backend = backendField.optional().map(Backend::new);
        if (runs == null) {
            r.rejectUnknownKeys();
            return Optional.empty();
        }
        if (!runs) {
            for (Field<String> f : List.of(secretField, versionField, stackField, promoteField)) {
                if (f.isPresent()) {
                    r.problems().add(f.path(), onlyInPipeline());
                }
            }
            if (hasSource) {
                r.problems().add(r.pathOf("source"), onlyInPipeline());
            }
            Optional<Peer> deployedBy = deployedBy(r, c);
            r.rejectUnknownKeys();
            return deployedBy.map(peer -> new DeploymentSettings(backend, Optional.empty(), Optional.of(peer)));
        }
        backendField.required("where the stacks' state lives, e.g. https://api.pulumi.com or s3://acme-pulumi-state");
        versionField.required("the Pulumi CLI version the build installs, e.g. 3.248.0");
        stackField.required("this stack's fully qualified name, e.g. acme/" + c.project() + "/" + c.stack());
        if (backend.isPresent() && !backend.get().isS3()) {
            secretField.required("the Secrets Manager secret holding the Pulumi access token, e.g. "
                    + "arn:aws:secretsmanager:" + c.region() + ":" + c.accountId() + ":secret:mlops/pulumi-access-token-a1B2c3");
        }
        Optional<String> secret = secretField.optional();
        secret.ifPresent(arn -> checkSecretLocation(r, secretField.path(), arn, c));
        Optional<StackName> own = stackField.optional().flatMap(StackName::parse);
        boolean ownValid = own.map(s -> checkOwnStack(r, stackField.path(), s, c)).orElse(false);
        Optional<Target> promoteTo = promoteField.optional().flatMap(StackName::parse).flatMap(t -> target(r, promoteField.path(), t, c));
        boolean promoteValid = !promoteField.isPresent() || promoteTo.isPresent();
        ModelSettings.RepositorySettings source = null;
        if (!hasSource) {
            r.problems().add(r.pathOf("source"), "is required: the platform's own repository, e.g. {provider: github, name: "
                    + "acme/mlops-platform, branch: main, connectionArn: arn:aws:codeconnections:" + c.region() + ":" + c.accountId()
                    + ":connection/<uuid>} or {provider: codecommit, name: mlops-platform}");
        } else {
            ConfigReader s = r.object("source");
            source = ModelSettings.repository(s, null, true);
            if (source != null && source.connectionArn().isPresent()) {
                checkConnectionLocation(s, source.connectionArn().get(), c);
            }
        }
        r.rejectUnknownKeys();
        if (backend.isEmpty() || versionField.value() == null || !ownValid || !promoteValid || source == null
                || (secret.isEmpty() && !backend.get().isS3())) {
            return Optional.empty();
        }
        return Optional.of(new DeploymentSettings(backend, Optional.of(new PipelineSettings(own.orElseThrow(), promoteTo, secret,
                versionField.value(), source)), Optional.empty()));
    }

    private static String onlyInPipeline() {
        return "applies only where " + RUNS_PIPELINE + " is true; this stack is deployed by another stack's pipeline, remove it";
    }

    private static Check<String> stackName() {
        return new Check<>(StackName::isValid, v -> Check.quote(Check.abbreviate(v)) + " is not a stack name: expected " + StackName.FORMAT);
    }

    private static void checkSecretLocation(ConfigReader r, String path, String arn, Context c) {
        Matcher m = SECRET_ARN.matcher(arn);
        if (!m.matches()) {
            return;
        }
        if (c.region() != null && !m.group(1).equals(c.region())) {
            r.problems().add(path, "the secret is in " + m.group(1) + "; the build reads it in this stack's region " + c.region()
                    + ": create (or replicate) it there");
        }
        if (c.accountId() != null && !m.group(2).equals(c.accountId())) {
            r.problems().add(path, "the secret belongs to account " + m.group(2) + "; keep it in this stack's account " + c.accountId()
                    + ", where only the deployment builds may read it");
        }
    }

    private static void checkConnectionLocation(ConfigReader s, String arn, Context c) {
        String[] parts = arn.split(":");
        if (parts.length < 6) {
            return;
        }
        if (c.region() != null && !parts[3].equals(c.region())) {
            s.problems().add(s.pathOf("connectionArn"), "the connection is in " + parts[3] + "; CodePipeline uses a connection of its "
                    + "own region, " + c.region());
        }
        if (c.accountId() != null && !parts[4].equals(c.accountId())) {
            s.problems().add(s.pathOf("connectionArn"), "the connection belongs to account " + parts[4] + "; the pipeline runs in this "
                    + "stack's account " + c.accountId());
        }
    }

    private static boolean checkOwnStack(ConfigReader r, String path, StackName own, Context c) {
        if (own.project().equals(c.project()) && own.stack().equals(c.stack())) {
            return true;
        }
        r.problems().add(path, Check.quote(own.toString()) + " is not this stack: expected <organization>/" + c.project() + "/"
                + c.stack() + " (project " + c.project() + ", stack " + c.stack() + ")");
        return false;
    }

    private static Optional<Target> target(ConfigReader r, String path, StackName target, Context c) {
        String quoted = Check.quote(target.toString());
        if (!target.project().equals(c.project())) {
            r.problems().add(path, quoted + " belongs to project " + target.project() + "; the pipeline deploys stacks of this "
                    + "program, project " + c.project());
            return Optional.empty();
        }
        if (target.stack().equals(c.stack())) {
            r.problems().add(path, quoted + " is this stack; name the stack approvals promote to, e.g. acme/" + c.project() + "/prod");
            return Optional.empty();
        }
        return peer(r, path, target.stack(), quoted + "'s stack name", "the pipeline finds the target's account by it", c)
                .map(p -> new Target(target, p));
    }

    /**
     * Another stack's pipeline deploys this one: the environment of the stack it promotes from (the stack name of
     * {@code mlops:promotion.sourceStack}, when that is an environment of {@code mlops:accounts}), or else the only other
     * environment of {@code mlops:accounts}.
     */
    private static Optional<Peer> deployedBy(ConfigReader r, Context c) {
        String path = r.pathOf(RUNS_PIPELINE);
        if (c.accounts() == null || c.environment() == null) {
            return Optional.empty();
        }
        Optional<StackName> source = c.promotion().map(PromotionSettings::sourceStack);
        if (source.isPresent() && c.accounts().containsKey(source.get().stack()) && !source.get().stack().equals(c.environment())) {
            String environment = source.get().stack();
            return Optional.of(new Peer(environment, c.accounts().get(environment)));
        }
        List<String> others = c.accounts().keySet().stream().filter(e -> !e.equals(c.environment())).sorted().toList();
        if (others.size() == 1) {
            return Optional.of(new Peer(others.get(0), c.accounts().get(others.get(0))));
        }
        r.problems().add(path, "false means another environment's pipeline deploys this stack, but which one is unclear: "
                + source.map(s -> "the stack name of " + c.project() + ":" + ProjectKey.PROMOTION.key() + ".sourceStack (" + s
                        + ") is not an environment of " + c.project() + ":" + ProjectKey.ACCOUNTS.key() + ", and ")
                .orElse("")
                + c.project() + ":" + ProjectKey.ACCOUNTS.key() + " lists " + (others.isEmpty() ? "no other environment"
                : others.size() + " others (" + String.join(", ", others) + ")")
                + "; name the stack this one promotes from in " + c.project() + ":" + ProjectKey.PROMOTION.key()
                + ".sourceStack, with the environment as its stack name (e.g. acme/" + c.project() + "/staging)");
        return Optional.empty();
    }

    private static Optional<Peer> peer(ConfigReader r, String path, String environment, String what, String why, Context c) {
        if (c.accounts() == null || c.environment() == null) {
            return Optional.empty();
        }
        if (environment.equals(c.environment())) {
            r.problems().add(path, what + ", " + Check.quote(environment) + ", is this stack's own environment; deployment "
                    + "crosses environments");
            return Optional.empty();
        }
        String account = c.accounts().get(environment);
        if (account == null) {
            r.problems().add(path, what + ", " + Check.quote(environment) + ", is not an environment of " + c.project() + ":"
                    + ProjectKey.ACCOUNTS.key() + Suggestions.didYouMean(environment, c.accounts().keySet()) + " (listed: "
                    + String.join(", ", new TreeSet<>(c.accounts().keySet())) + "); " + why);
            return Optional.empty();
        }
        return Optional.of(new Peer(environment, account));
    }
}

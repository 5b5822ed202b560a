package dev.mlops.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.regions.Region;

/**
 * Turns raw configuration into {@link StackSettings}, or a {@link ConfigException} listing every
 * problem with its key path, the bad value and what is allowed. This is the only place that knows the
 * config keys; the rules here mirror the AWS limits the values end up in.
 */
public final class SettingsParser {

    static final String ENVIRONMENT_RULE = "1 to 16 lowercase letters, digits and single hyphens, starting with a letter";
    static final Check<String> ENVIRONMENT_NAME =
            Check.pattern("(?=.{1,16}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*", ENVIRONMENT_RULE);
    static final Check<String> ACCOUNT_ID = Check.pattern("\\d{12}", "an AWS account id is exactly 12 digits");
    static final Check<String> EMAIL = Check.pattern("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+", "expected an e-mail address such as team@example.com");
    // AWS tag values: up to 256 letters, digits, spaces and _ . : / = + - @
    static final Check<String> TAG_VALUE = Check.pattern("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}",
            "1 to 256 letters, digits, spaces and _ . : / = + - @ (AWS tag value rules)");
    static final Check<String> MODEL_NAME = Check.pattern("(?=.{1,32}$)[a-z0-9]+(?:-[a-z0-9]+)*",
            "1 to 32 lowercase letters, digits and single hyphens, starting and ending with a letter or digit");
    // SageMaker UserProfileName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    static final Check<String> USER_PROFILE_NAME = Check.pattern("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
            "1 to 63 letters, digits and hyphens, starting and ending with a letter or digit (SageMaker user profile names)");

    private SettingsParser() {
    }

    /**
     * The key paths the parser understands, found by parsing {@code raw} (which should set every optional
     * key and list at least one entry per list): what the README's configuration reference must cover.
     */
    public static java.util.Set<String> keysUnderstood(RawConfig raw) {
        Problems problems = new Problems();
        try {
            parse(raw, problems);
        } catch (ConfigException ignored) {
            // Keys are recorded as they are read, whether or not their values are valid.
        }
        return problems.keysRead();
    }

    public static StackSettings parse(RawConfig raw) {
        return parse(raw, new Problems());
    }

    private static StackSettings parse(RawConfig raw, Problems problems) {
        String project = raw.project();
        checkNamespaces(raw, problems);

        ConfigReader aws = ConfigReader.namespace("aws", raw.values(), problems);
        String region = aws.string("region").required("the AWS region to deploy to, e.g. eu-west-1")
                .check(knownRegion()).value();
        Optional<String> profile = aws.string("profile").check(Check.notBlank()).optional();
        // An explicit provider ignores the aws: keys meant for the default one; say so instead of ignoring them.
        aws.rejectUnknownKeys("this program's explicit AWS provider reads only aws:region and aws:profile");

        ConfigReader m = ConfigReader.namespace(project, raw.values(), problems);
        Field<String> environmentField = m.string(ProjectKey.ENVIRONMENT.key())
                .required("this environment's name, a key of " + m.pathOf(ProjectKey.ACCOUNTS.key()))
                .check(ENVIRONMENT_NAME);
        String environment = environmentField.value();
        Field<Map<String, String>> accountsField = m.stringMap(ProjectKey.ACCOUNTS.key(), ENVIRONMENT_NAME, ACCOUNT_ID)
                .required("the AWS account id of each environment, e.g. {staging: \"111111111111\", prod: \"222222222222\"}")
                .check(new Check<>(a -> !a.isEmpty(), a -> "must name at least this environment's account"));
        Map<String, String> accounts = accountsField.value();
        if (environment != null && accounts != null && !accounts.containsKey(environment)) {
            problems.add(accountsField.path(), "has no account for environment \"" + environment + "\" ("
                    + environmentField.path() + ")" + Suggestions.didYouMean(environment, accounts.keySet())
                    + "; listed: " + String.join(", ", new TreeSet<>(accounts.keySet())));
        }
        String owner = m.string(ProjectKey.OWNER.key()).required("the owning team, e.g. ml-platform").check(TAG_VALUE).value();
        String costCenter = m.string(ProjectKey.COST_CENTER.key()).required("the cost center to bill, e.g. cc-1234")
                .check(TAG_VALUE).value();
        boolean holdsRealData = m.bool(ProjectKey.HOLDS_REAL_DATA.key())
                .orElse((Boolean) ProjectKey.HOLDS_REAL_DATA.defaultValue().orElseThrow());
        List<String> alertEmails = m.stringList(ProjectKey.ALERT_EMAILS.key(), EMAIL)
                .required("at least one e-mail address for alarms")
                .check(Check.notEmpty()).orElse(List.of());
        DataSettings data = data(m.object(ProjectKey.DATA.key()));
        Optional<IdentitySettings> identity = IdentitySettings.read(m, ProjectKey.IDENTITY.key());
        NetworkSettings network = NetworkSettings.read(m.object(ProjectKey.NETWORK.key()), region);
        WorkbenchSettings workbench = WorkbenchSettings.read(m.object(ProjectKey.WORKBENCH.key()));
        Set<String> sourceNames = new TreeSet<>();
        List<DataSourceSettings> dataSources = DataSourceSettings.readAll(m, ProjectKey.DATA_SOURCES.key(), sourceNames);
        Optional<String> prefix = environment == null ? Optional.empty() : Optional.of(project + "-" + environment);
        Optional<PromotionSettings> promotion = m.optionalObject(ProjectKey.PROMOTION.key())
                .flatMap(p -> promotion(p, project, raw.stack()));
        RegistrySettings registry = RegistrySettings.read(m.object(ProjectKey.REGISTRY.key()), environment, accounts, accountsField.path());
        boolean promotes = m.has(ProjectKey.PROMOTION.key());
        ServingSettings serving = ServingSettings.read(m.object(ProjectKey.SERVING.key()), promotes);
        List<ModelSettings> models = ModelSettings.readAll(m, ProjectKey.MODELS.key(), sourceNames, dataSources, prefix, serving,
                promotes);
        List<ScientistSettings> scientists = scientists(m, problems);
        Optional<DeploymentSettings> deployment = DeploymentSettings.read(m, ProjectKey.DEPLOYMENT.key(),
                new DeploymentSettings.Context(project, raw.stack(), environment, accounts, region,
                        accounts == null || environment == null ? null : accounts.get(environment), promotion));
        m.rejectUnknownKeys();

        problems.throwIfAny(raw.source());
        return new StackSettings(project, raw.stack(), environment,
                new AwsTarget(region, accounts.get(environment), profile), accounts,
                new Ownership(owner, costCenter), holdsRealData, alertEmails, data, identity.orElseThrow(), network, workbench,
                dataSources, models, scientists, promotion, registry, serving, deployment);
    }

    private static void checkNamespaces(RawConfig raw, Problems problems) {
        Set<String> namespaces = Set.of(raw.project(), "aws", "pulumi");
        for (String key : raw.values().keySet()) {
            int colon = key.indexOf(':');
            if (colon < 0) {
                // Stack files cannot hold such a key (StackFiles rejects it); the engine's map can.
                problems.add(key.isBlank() ? Check.quote(key) : key,
                        "config keys need a namespace, e.g. \"" + raw.project() + ":" + (key.isBlank() ? "models" : key) + "\"");
                continue;
            }
            String namespace = key.substring(0, colon);
            if (!namespaces.contains(namespace)) {
                problems.add(key, "unknown namespace \"" + namespace + "\"" + Suggestions.didYouMean(namespace, namespaces)
                        + "; this program reads " + raw.project() + ":, aws: and pulumi: keys");
            }
        }
    }

    private static Check<String> knownRegion() {
        List<String> regions = Region.regions().stream()
                .filter(r -> !r.isGlobalRegion())
                .map(Region::id)
                .sorted()
                .toList();
        return new Check<>(regions::contains,
                v -> "\"" + v + "\" is not an AWS region" + Suggestions.didYouMean(v, regions)
                        + "; for example us-east-1, eu-west-1, ap-southeast-2");
    }

    private static DataSettings data(ConfigReader d) {
        Field<Integer> retentionField = d.integer("captureRetentionDays").check(Check.range(1, 3650));
        int retention = retentionField.orElse(DataSettings.DEFAULT_CAPTURE_RETENTION_DAYS);
        // S3 moves objects to STANDARD_IA no earlier than 30 days after creation.
        Field<Integer> infrequentField = d.integer("captureInfrequentAccessAfterDays")
                .check(new Check<>(v -> v == 0 || (v >= 30 && v <= 3650),
                        v -> v + " is out of range: 0 (never) or 30..3650 (S3 moves objects to STANDARD_IA after 30 days at the earliest)"));
        int infrequent = infrequentField.orElse(DataSettings.DEFAULT_CAPTURE_INFREQUENT_ACCESS_AFTER_DAYS);
        // Compare only values the operator can act on: an invalid retention is already reported, and a
        // default must be named as such, or the message quotes a number nobody wrote.
        if (retentionField.isValid() && infrequentField.isValid() && infrequent > 0 && infrequent >= retention) {
            String value = infrequentField.isPresent() ? String.valueOf(infrequent) : "the default " + infrequent;
            d.problems().add(infrequentField.path(), value + " must be less than captureRetentionDays (" + retention
                    + "); set it below that, or to 0 to keep capture data in STANDARD until it expires");
        }
        int noncurrent = d.integer("noncurrentVersionRetentionDays").check(Check.range(1, 3650))
                .orElse(DataSettings.DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS);
        // KMS: PendingWindowInDays is 7..30.
        int window = d.integer("keyDeletionWindowDays").check(Check.range(7, 30))
                .orElse(DataSettings.DEFAULT_KEY_DELETION_WINDOW_DAYS);
        d.rejectUnknownKeys();
        return new DataSettings(retention, infrequent, noncurrent, window);
    }

    private static List<ScientistSettings> scientists(ConfigReader m, Problems problems) {
        List<ConfigReader> entries = m.objectList(ProjectKey.SCIENTISTS.key()).orElse(List.of());
        List<ScientistSettings> scientists = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader e : entries) {
            Field<String> nameField = e.string("userName").required("the scientist's Studio user name, e.g. alice")
                    .check(USER_PROFILE_NAME);
            String userName = nameField.value();
            // SageMaker compares user profile names without regard to case.
            if (userName != null && !names.add(userName.toLowerCase(Locale.ROOT))) {
                problems.add(nameField.path(), "\"" + userName + "\" is listed twice; each scientist needs a unique user name");
            }
            Optional<String> email = e.string("email").check(EMAIL).optional();
            e.rejectUnknownKeys();
            if (userName != null) {
                scientists.add(new ScientistSettings(userName, email));
            }
        }
        return scientists;
    }

    private static Optional<PromotionSettings> promotion(ConfigReader p, String project, String stack) {
        Field<String> sourceField = p.string("sourceStack")
                .required("the stack to promote from, as organization/project/stack, e.g. acme/mlops/staging")
                .check(new Check<>(StackName::isValid, v -> "\"" + v + "\" is not a stack name: expected " + StackName.FORMAT));
        p.rejectUnknownKeys();
        Optional<StackName> source = sourceField.optional().flatMap(StackName::parse);
        if (source.isPresent() && source.get().project().equals(project) && source.get().stack().equals(stack)) {
            p.problems().add(sourceField.path(), "\"" + source.get() + "\" is this stack; a stack cannot promote from itself");
            return Optional.empty();
        }
        return source.map(PromotionSettings::new);
    }
}

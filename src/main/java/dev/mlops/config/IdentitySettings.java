package dev.mlops.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may assume the persona roles (data engineer, data scientist, ML engineer), and for how long.
 *
 * @param source            the identity source the roles trust
 * @param trustedAccountIds {@code accounts}: principals of these accounts may assume a persona role, with MFA
 * @param samlProviderArn   {@code saml}: the IAM SAML provider users federate through
 * @param permissionSets    {@code iam-identity-center}: the permission set whose users may assume each persona role
 * @param maxSessionHours   the roles' maximum session duration
 */
public record IdentitySettings(
        Source source,
        List<String> trustedAccountIds,
        Optional<String> samlProviderArn,
        Optional<PersonaNames> permissionSets,
        int maxSessionHours) {

    public enum Source {
        ACCOUNTS("accounts"), SAML("saml"), IAM_IDENTITY_CENTER("iam-identity-center");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static List<String> keys() {
            return java.util.Arrays.stream(values()).map(Source::key).toList();
        }

        static Source of(String key) {
            return java.util.Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst().orElseThrow();
        }
    }

    /** One name per persona, e.g. the IAM Identity Center permission sets. */
    public record PersonaNames(String dataEngineer, String dataScientist, String mlEngineer) {
    }

    public IdentitySettings {
        trustedAccountIds = List.copyOf(trustedAccountIds);
    }

    static final Check<String> SAML_PROVIDER_ARN = Check.pattern("arn:aws[a-z-]*:iam::\\d{12}:saml-provider/[\\w+=,.@-]{1,128}",
            "an IAM SAML provider ARN such as arn:aws:iam::111111111111:saml-provider/corporate-idp");
    // IAM Identity Center permission set names: 1-32 of [\w+=,.@-]
    static final Check<String> PERMISSION_SET = Check.pattern("[\\w+=,.@-]{1,32}",
            "1 to 32 letters, digits and + = , . @ _ - (IAM Identity Center permission set names)");

    static Optional<IdentitySettings> read(ConfigReader parent, String key) {
        parent.require(key, "who may assume the persona roles: {source: accounts | saml | iam-identity-center, ...}");
        Optional<ConfigReader> maybe = parent.optionalObject(key);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        ConfigReader r = maybe.get();
        Field<String> sourceField = r.string("source")
                .required("one of " + String.join(", ", Source.keys()))
                .check(Check.oneOf(Source.keys()));
        Field<List<String>> accountsField = r.stringList("trustedAccountIds", SettingsParser.ACCOUNT_ID);
        Field<String> samlField = r.string("samlProviderArn").check(SAML_PROVIDER_ARN);
        // Given at all (a wrong shape is reported by optionalObject), so it is not also reported as missing.
        boolean setsGiven = r.has("permissionSets");
        Optional<ConfigReader> setsReader = r.optionalObject("permissionSets");
        Optional<PersonaNames> sets = setsReader.map(s -> {
            String de = s.string("dataEngineer").required("the permission set of data engineers").check(PERMISSION_SET).value();
            String ds = s.string("dataScientist").required("the permission set of data scientists").check(PERMISSION_SET).value();
            String ml = s.string("mlEngineer").required("the permission set of ML engineers").check(PERMISSION_SET).value();
            s.rejectUnknownKeys();
            return de == null || ds == null || ml == null ? null : new PersonaNames(de, ds, ml);
        });
        int hours = r.integer("maxSessionHours").check(Check.range(1, 12)).orElse(4);
        r.rejectUnknownKeys();
        String source = sourceField.value();
        if (source == null) {
            return Optional.empty();
        }
        switch (Source.of(source)) {
            case ACCOUNTS -> {
                accountsField.required("the accounts whose principals may assume the persona roles (with MFA), e.g. [\"333333333333\"]")
                        .check(Check.notEmpty());
                requireAbsent(r, samlField, "source is accounts");
                requireAbsent(r, "permissionSets", setsGiven, "source is accounts");
            }
            case SAML -> {
                samlField.required("the IAM SAML provider's ARN");
                requireAbsent(r, accountsField, "source is saml");
                requireAbsent(r, "permissionSets", setsGiven, "source is saml");
            }
            case IAM_IDENTITY_CENTER -> {
                if (!setsGiven) {
                    r.problems().add(r.pathOf("permissionSets"),
                            "is required: the permission set of each persona, {dataEngineer: ..., dataScientist: ..., mlEngineer: ...}");
                }
                requireAbsent(r, samlField, "source is iam-identity-center");
                requireAbsent(r, accountsField, "source is iam-identity-center");
            }
        }
        return Optional.of(new IdentitySettings(Source.of(source), accountsField.orElse(List.of()), samlField.optional(),
                sets, hours));
    }

    private static void requireAbsent(ConfigReader r, Field<?> field, String why) {
        if (field.isPresent()) {
            r.problems().add(field.path(), "does not apply when " + why + "; remove it");
        }
    }

    private static void requireAbsent(ConfigReader r, String key, boolean present, String why) {
        if (present) {
            r.problems().add(r.pathOf(key), "does not apply when " + why + "; remove it");
        }
    }

    public String sourceKey() {
        return source.key().toLowerCase(Locale.ROOT);
    }
}

package dev.mlops.config;

import com.pulumi.Context;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a stack's configuration says, validated and immutable. Stack code reads only this record,
 * never Pulumi config, so the same program runs under the real engine and under the offline preview.
 *
 * @param project       the Pulumi project name (also the config namespace)
 * @param stack         the Pulumi stack name
 * @param environment   this stack's environment: a key of {@code accounts}, used in names and tags
 * @param aws           region and account the AWS provider is pinned to
 * @param accounts      account id per environment name, this one's and its peers'
 * @param ownership     owner and cost center tags
 * @param holdsRealData whether stateful resources are protected and retained on delete
 * @param alertEmails   who is e-mailed when an alarm fires
 * @param data          data lake retention
 * @param identity      who may assume the persona roles
 * @param network       the private network
 * @param workbench     the scientists' Studio domain and MLflow
 * @param dataSources   what data engineers ingest, validate and publish
 * @param models        the regression models, in configured order
 * @param scientists    the data scientists, in configured order
 * @param promotion     present when models are promoted into this stack from another stack
 * @param registry      the environments this stack's model registry is shared with
 * @param serving       how models are served: shadow tests or guarded rollouts, data capture, API throttling
 * @param deployment    present when this stack takes part in continuous deployment (runs the pipeline, or is deployed by one)
 */
public record StackSettings(
        String project,
        String stack,
        String environment,
        AwsTarget aws,
        Map<String, String> accounts,
        Ownership ownership,
        boolean holdsRealData,
        List<String> alertEmails,
        DataSettings data,
        IdentitySettings identity,
        NetworkSettings network,
        WorkbenchSettings workbench,
        List<DataSourceSettings> dataSources,
        List<ModelSettings> models,
        List<ScientistSettings> scientists,
        Optional<PromotionSettings> promotion,
        RegistrySettings registry,
        ServingSettings serving,
        Optional<DeploymentSettings> deployment) {

    public StackSettings {
        accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
        alertEmails = List.copyOf(alertEmails);
        dataSources = List.copyOf(dataSources);
        models = List.copyOf(models);
        scientists = List.copyOf(scientists);
    }

    /** Reads and validates the configuration the Pulumi engine passed to this program. */
    public static StackSettings fromContext(Context ctx) {
        return SettingsParser.parse(EngineConfig.read(ctx));
    }

    /** Reads and validates {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} in {@code projectDir}, offline. */
    public static StackSettings fromStackFile(Path projectDir, String stack) {
        return SettingsParser.parse(StackFiles.load(projectDir, stack));
    }

    /** The CodeCommit repositories the models keep their code in (GitHub repositories are not among them), by name. */
    public List<String> codeCommitRepositories() {
        return models.stream().filter(m -> !m.repository().isGitHub()).map(m -> m.repository().name()).toList();
    }

    /** The other accounts that may read and deploy this stack's model packages (see {@link RegistrySettings}). */
    public List<String> registryReaderAccounts() {
        return registry.readerAccounts(accounts, aws.accountId());
    }

    /**
     * The stacks this one reads through stack references: the stack it promotes from and, then, itself (what it
     * deployed last time), in that order.
     */
    public List<StackName> stackReferences() {
        return promotion.map(p -> List.of(p.sourceStack(), self().orElseThrow())).orElse(List.of());
    }

    /**
     * This stack's fully qualified name, known when it promotes from another stack: the organization is the source
     * stack's (both stacks of one project live in one organization).
     */
    public Optional<StackName> self() {
        return promotion.map(p -> new StackName(p.sourceStack().organization(), project, stack));
    }
}

package dev.mlops.access;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.platform.PolicyDocuments;
import dev.mlops.platform.Tags;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people's side of the platform: one role per persona (named {@code <prefix>-<persona>} so an identity
 * provider can point at it), each with its own customer-managed policy and the shared guardrails; one
 * Studio execution role per persona carrying the same limits into notebooks; and the roles the data
 * pipelines run and are scheduled with. Later capabilities add their own service roles with
 * {@link ServiceRole} and the statement builders of this package.
 */
public final class Access extends ComponentResource {

    public final Map<Persona, Role> personaRoles = new EnumMap<>(Persona.class);
    public final Map<Persona, ServiceRole> studioRoles = new EnumMap<>(Persona.class);
    public final ServiceRole dataPipelineRole;
    public final Policy guardrails;

    public Access(String name, AccessArgs args, ComponentResourceOptions opts) {
        super("mlops:access:Access", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var inAccess = ComponentResourceOptions.builder().parent(this).build();
        ArnPatterns arns = args.arns();
        String account = arns.accountId();

        this.dataPipelineRole = new ServiceRole(name + "-data-pipeline", new ServiceRoleArgs("sagemaker.amazonaws.com", account,
                "Data pipelines: ingest sources into raw, validate, publish to curated or quarantine",
                self -> args.data().applyValue(d -> ExecutionPolicies.dataPipeline(arns, d, args.dataSources(), self))), inAccess);

        this.guardrails = new Policy(name + "-guardrails", PolicyArgs.builder()
                .description("What no person may do: stop or restart delivery by hand, delete data buckets or keys")
                .policy(args.data().applyValue(d -> PolicyDocuments.json(Guardrails.statements(arns, d))))
                .build(), child);

        Output<PersonaPolicies.Context> context = Output.tuple(args.data(), dataPipelineRole.arn)
                .applyValue(t -> new PersonaPolicies.Context(arns, t.t1, args.stack(), t.t2, args.repositories()));
        // The scientists' model code policy grows with the models: its own managed policy (6,144 characters each).
        Optional<Policy> modelCode = args.repositories().isEmpty() ? Optional.empty() : Optional.of(new Policy(name + "-model-code",
                PolicyArgs.builder()
                        .description("The data scientists' work on the models' code in " + arns.prefix() + ": branches and pull requests")
                        .policy(context.applyValue(c -> PolicyDocuments.json(PersonaPolicies.modelCode(c))))
                        .build(), child));
        for (Persona persona : Persona.values()) {
            String personaName = name + "-" + persona.key();
            var role = new Role(personaName, RoleArgs.builder()
                    .name(arns.prefix() + "-" + persona.key())
                    .description("The " + persona.key().replace('-', ' ') + " persona of " + arns.prefix())
                    .assumeRolePolicy(TrustPolicies.persona(persona, args.identity(), account))
                    .maxSessionDuration(args.maxSessionHours() * 3600)
                    .tags(Map.of(Tags.PERSONA, persona.key()))
                    .build(), child);
            var policy = new Policy(personaName + "-policy", PolicyArgs.builder()
                    .description("What a " + persona.key().replace('-', ' ') + " may do in " + arns.prefix())
                    .policy(context.applyValue(c -> PolicyDocuments.json(PersonaPolicies.of(persona, c))))
                    .build(), child);
            attach(personaName + "-policy-attachment", role, policy, child);
            attach(personaName + "-guardrails-attachment", role, guardrails, child);
            personaRoles.put(persona, role);

            var studio = new ServiceRole(personaName + "-studio", new ServiceRoleArgs("sagemaker.amazonaws.com", account,
                    "Studio execution role of the " + persona.key().replace('-', ' ') + " persona",
                    self -> context.applyValue(c -> ExecutionPolicies.studio(persona, c))), inAccess);
            attach(personaName + "-studio-guardrails-attachment", studio.role, guardrails, child);
            studioRoles.put(persona, studio);
            if (persona == Persona.DATA_SCIENTIST) {
                modelCode.ifPresent(code -> {
                    attach(personaName + "-model-code-attachment", role, code, child);
                    attach(personaName + "-studio-model-code-attachment", studio.role, code, child);
                });
            }
        }
        registerOutputs(Map.of(
                "personaRoleArns", Output.all(List.of(personaRoles.get(Persona.DATA_ENGINEER).arn(),
                        personaRoles.get(Persona.DATA_SCIENTIST).arn(), personaRoles.get(Persona.ML_ENGINEER).arn())),
                "dataPipelineRoleArn", dataPipelineRole.arn));
    }

    private static void attach(String name, Role role, Policy policy, CustomResourceOptions options) {
        new RolePolicyAttachment(name, RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policy.arn()).build(), options);
    }

    /** Persona role ARNs by persona key, for stack outputs and identity-provider set-up. */
    public Output<Map<String, String>> personaRoleArns() {
        return Output.tuple(personaRoles.get(Persona.DATA_ENGINEER).arn(), personaRoles.get(Persona.DATA_SCIENTIST).arn(),
                        personaRoles.get(Persona.ML_ENGINEER).arn())
                .applyValue(t -> Map.of(Persona.DATA_ENGINEER.key(), t.t1, Persona.DATA_SCIENTIST.key(), t.t2,
                        Persona.ML_ENGINEER.key(), t.t3));
    }
}

package dev.mlops.promotion;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import com.pulumi.resources.StackReferenceOutputDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only way models reach this stack: a stack reference to the stack they are promoted from (staging,
 * for prod). Nothing else in this stack names another stack, so the flow staging to prod is visible in
 * one place of every preview (as a {@code read} step).
 * <p>
 * The packages to deploy decide which endpoints exist, so they are read when the program starts, not as
 * outputs: the program waits for the reference's outputs. A second reference reads this stack's own
 * outputs, so a model the source stops exporting keeps what this stack deployed last time instead of
 * losing its endpoint.
 */
public final class PromotionSource extends ComponentResource {

    public final Output<SourceStack> source;
    /** Model name to the package the source stack approved; only well-formed entries. */
    public final Map<String, PromotedPackage> approved;
    /** Model name to the package this stack deployed last time (empty for a new stack). */
    public final Map<String, PromotedPackage> deployedBefore;
    /** What was wrong with the outputs read, for the operator. */
    public final List<String> problems;

    public PromotionSource(String name, PromotionSourceArgs args, ComponentResourceOptions opts) {
        super("mlops:promotion:PromotionSource", name, opts);
        String stack = args.sourceStack().toString();
        var child = CustomResourceOptions.builder().parent(this).build();
        var reference = new StackReference(name + "-stack", StackReferenceArgs.builder().name(stack).build(), child);
        var self = new StackReference(name + "-previous", StackReferenceArgs.builder().name(args.thisStack().toString()).build(), child);
        this.source = reference.outputs().applyValue(outputs -> SourceStack.from(stack, outputs));
        List<String> found = new ArrayList<>();
        this.approved = Map.copyOf(PromotedPackage.parse(valueOf(reference, PromotedPackage.OUTPUT), stack, found));
        this.deployedBefore = Map.copyOf(PromotedPackage.parse(valueOf(self, PromotedPackage.OUTPUT), args.thisStack().toString(), found));
        this.problems = List.copyOf(found);
        registerOutputs(Map.of("source", source.applyValue(SourceStack::asOutput)));
    }

    /** The output's value, secret or not, or null when the stack does not export it. */
    private static Object valueOf(StackReference reference, String output) {
        StackReferenceOutputDetails details = reference.outputDetailsAsync(output).join();
        return details.getValue().or(details::getSecretValue).orElse(null);
    }
}

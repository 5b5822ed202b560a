package dev.mlops.promotion;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import java.util.Map;

/**
 * The only way models reach this stack: a stack reference to the stack they are promoted from (staging,
 * for prod). Nothing else in this stack names another stack, so the flow staging to prod is visible in
 * one place of every preview (as a {@code read} step).
 */
public final class PromotionSource extends ComponentResource {

    public final Output<SourceStack> source;

    public PromotionSource(String name, PromotionSourceArgs args, ComponentResourceOptions opts) {
        super("mlops:promotion:PromotionSource", name, opts);
        String stack = args.sourceStack().toString();
        var reference = new StackReference(name + "-stack",
                StackReferenceArgs.builder().name(stack).build(),
                CustomResourceOptions.builder().parent(this).build());
        this.source = reference.outputs().applyValue(outputs -> SourceStack.from(stack, outputs));
        registerOutputs(Map.of("source", source.applyValue(SourceStack::asOutput)));
    }
}

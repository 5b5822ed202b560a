package dev.mlops.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What this stack knows of the stack it promotes from, read from that stack's outputs.
 *
 * @param stack           the source stack's fully qualified name
 * @param accountId       the account it deploys to
 * @param artifactsBucket where its model artifacts live
 * @param platformKeyArn  the key its model artifacts are encrypted with
 * @param missing         outputs this stack expected but the source does not export (yet)
 */
public record SourceStack(String stack, Optional<String> accountId, Optional<String> artifactsBucket, Optional<String> platformKeyArn,
                          List<String> missing) {

    public SourceStack {
        missing = List.copyOf(missing);
    }

    /** The source stack's outputs this stack reads; the source's {@code Platform} exports them. */
    public static final String ACCOUNT_ID = "accountId";
    public static final String DATA_BUCKETS = "dataBuckets";
    public static final String PLATFORM_KEY_ARN = "platformKeyArn";

    static SourceStack from(String stack, Map<String, Object> outputs) {
        Optional<String> accountId = Optional.ofNullable(outputs.get(ACCOUNT_ID)).map(Object::toString);
        Optional<String> artifacts = Optional.ofNullable(outputs.get(DATA_BUCKETS))
                .filter(Map.class::isInstance)
                .map(m -> ((Map<?, ?>) m).get("artifacts"))
                .map(Object::toString);
        Optional<String> key = Optional.ofNullable(outputs.get(PLATFORM_KEY_ARN)).map(Object::toString);
        var missing = new ArrayList<String>();
        if (accountId.isEmpty()) {
            missing.add(ACCOUNT_ID);
        }
        if (artifacts.isEmpty()) {
            missing.add(DATA_BUCKETS + ".artifacts");
        }
        if (key.isEmpty()) {
            missing.add(PLATFORM_KEY_ARN);
        }
        return new SourceStack(stack, accountId, artifacts, key, missing);
    }

    /** The stack output value: what was found, without the empty parts. */
    public Map<String, String> asOutput() {
        var out = new TreeMap<String, String>();
        out.put("stack", stack);
        accountId.ifPresent(a -> out.put("accountId", a));
        artifactsBucket.ifPresent(b -> out.put("artifactsBucket", b));
        platformKeyArn.ifPresent(k -> out.put("platformKeyArn", k));
        return out;
    }
}

package dev.mlops.config;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who else may read this stack's model registry.
 *
 * @param sharedWith environments (keys of {@code mlops:accounts}, never this one) whose account may read and deploy
 *                   this stack's model packages: describe and list them, create models from them, read their model
 *                   artifacts and pull their images. Staging shares with prod, so prod deploys what staging approved.
 */
public record RegistrySettings(List<String> sharedWith) {

    public RegistrySettings {
        sharedWith = List.copyOf(sharedWith);
    }

    /**
     * @param environment  this stack's environment, or null when it is invalid (reported elsewhere)
     * @param accounts     {@code mlops:accounts}, or null when it is invalid (reported elsewhere)
     * @param accountsPath the key path of {@code accounts}, for the messages
     */
    static RegistrySettings read(ConfigReader r, String environment, Map<String, String> accounts, String accountsPath) {
        Field<List<String>> field = r.stringList("sharedWith", SettingsParser.ENVIRONMENT_NAME);
        List<String> sharedWith = field.orElse(List.of());
        r.rejectUnknownKeys();
        if (environment == null || accounts == null) {
            // Already reported; the environments cannot be judged against them.
            return new RegistrySettings(List.of());
        }
        boolean ok = true;
        for (int i = 0; i < sharedWith.size(); i++) {
            String peer = sharedWith.get(i);
            String at = field.path() + "[" + i + "]";
            if (peer.equals(environment)) {
                r.problems().add(at, Check.quote(peer) + " is this stack's own environment; list the environments that"
                        + " read this registry from another stack, e.g. prod");
                ok = false;
            } else if (!accounts.containsKey(peer)) {
                r.problems().add(at, Check.quote(peer) + " is not an environment of " + accountsPath + Suggestions.didYouMean(peer, accounts.keySet())
                        + "; listed: " + String.join(", ", new TreeSet<>(accounts.keySet())));
                ok = false;
            }
        }
        return new RegistrySettings(ok ? sharedWith : List.of());
    }

    /**
     * The accounts the registry is shared with: those of {@link #sharedWith}, without {@code ownAccount} (a peer in the
     * same account reads through its own IAM policies; a resource policy naming the own account would add nothing).
     */
    public List<String> readerAccounts(Map<String, String> accounts, String ownAccount) {
        return sharedWith.stream().map(accounts::get).filter(a -> a != null && !a.equals(ownAccount)).distinct().sorted().toList();
    }
}

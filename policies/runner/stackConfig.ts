// What the stack's own configuration tells the policies: the models it serves (`mlops:models`).

/**
 * The model names of a stack's config, from either shape it comes in: a preview's `config`
 * (`"mlops:models": "[{\"name\":...}]"`, JSON text) or `pulumi config --json`
 * (`"mlops:models": {"value": "...", "objectValue": [...]}`). Undefined when the config has no models key.
 */
export function modelsFromConfig(config: Record<string, unknown> | undefined): string[] | undefined {
    const entry = config?.["mlops:models"];
    if (entry === undefined) {
        return undefined;
    }
    let value: unknown = entry;
    if (entry && typeof entry === "object" && !Array.isArray(entry)) {
        const e = entry as { objectValue?: unknown; value?: unknown };
        value = e.objectValue ?? e.value;
    }
    if (typeof value === "string") {
        try {
            value = JSON.parse(value);
        } catch {
            return undefined;
        }
    }
    if (!Array.isArray(value)) {
        return undefined;
    }
    return value
        .map(m => (typeof m === "string" ? m : m && typeof m === "object" ? (m as { name?: unknown }).name : undefined))
        .filter((n): n is string => typeof n === "string" && n.length > 0);
}

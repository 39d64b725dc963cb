// The public (jsii) API: constructs, their enum-like classes, and the rule catalogue.
// The model, the rule engine, the CLI and lib/private are internal.
export {};

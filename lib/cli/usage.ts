/** What `azvpn help` prints; each command's own help is in its file. */
export const USAGE = `azvpn — check Azure VPN topologies in Terraform JSON configurations

Usage:
  azvpn check PATH... [--format text|json] [--verbose] [--profile best-practice]
  azvpn rules [--format text|json]
  azvpn summary PATH [--format markdown|json]     (see azvpn summary --help)
  azvpn graph PATH [--format mermaid|dot]         (see azvpn graph --help)
  azvpn reach PATH FROM TO [--format text|json]   (see azvpn reach --help)
  azvpn help | --help
  azvpn --version

azvpn check
  PATH is a .tf.json file or a directory. In a directory, the *.tf.json files directly in it
  form one configuration, and every cdk.tf.json below it (for example
  cdktf.out/stacks/*/cdk.tf.json) is a configuration of its own.
  --format text   findings grouped by resource, then a summary line (default)
  --format json   {"findings":[{"rule","severity","resource","path","message"}],
                   "summary":{"errors","warnings","infos"}}
  --verbose       also show info findings (checks skipped because a value is only known
                  after apply); they are always counted in the summary
  --profile best-practice
                  also run the opt-in posture rules (warnings: active-active, maintenance
                  configuration, custom IPsec policy, Entra-only P2S) and report literal
                  secrets as errors; at synth, set the context key azvpn:profile

azvpn rules
  Lists every rule: id, severity, summary, Azure error code and source.

Exit codes:
  0  no error (warnings and infos allowed)
  1  at least one error
  2  unusable input or command line (one line on stderr, nothing on stdout)

Rules: see RULES.md, or run azvpn rules.
`;

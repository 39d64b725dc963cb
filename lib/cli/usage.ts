/** What `azvpn help` prints; each command's own help is in its file. */
export const USAGE = `azvpn — check Azure VPN topologies in Terraform configurations, plans and states

Usage:
  azvpn check PATH... [--format text|json|sarif|junit] [--verbose] [--allow-replace ADDRESS]... [--profile best-practice]
              [--previous OLD]
              [-var NAME=VALUE]... [-var-file FILE]...
  azvpn rules [--format text|json]
  azvpn summary PATH [--format markdown|json]     (see azvpn summary --help)
  azvpn graph PATH [--format mermaid|dot]         (see azvpn graph --help)
  azvpn reach PATH FROM TO [--format text|json]   (see azvpn reach --help)
  azvpn device-config STATE --site NAME --vendor VENDOR [--out DIR] [--advertise CIDR...]
                                                  (see azvpn device-config --help)
  azvpn help | --help
  azvpn --version

azvpn check
  PATH is a .tf.json or .tf file or a directory. In a directory, the *.tf.json and *.tf files
  directly in it form one configuration, and every cdk.tf.json below it (for example
  cdktf.out/stacks/*/cdk.tf.json) is a configuration of its own. A file named on its own
  that has a "format_version" is what terraform show -json prints: a plan
  (terraform show -json PLANFILE) or a state (terraform show -json); format_version 1.x.
  --format text   findings grouped by resource, then a summary line (default)
  --format json   {"findings":[{"rule","severity","resource","path","message"}],
                   "summary":{"errors","warnings","infos"}}
  --format sarif  SARIF 2.1.0 (GitHub code scanning): every rule with its help URI, every
                  finding a result (error, warning, note) located by file and Terraform address
  --format junit  JUnit XML (Azure Pipelines test results): errors fail, warnings pass with
                  output, infos are skipped
  --verbose       also show info findings (checks skipped because a value is only known
                  after apply); they are always counted in the summary
  --allow-replace ADDRESS
                  a plan may destroy or replace the resource at ADDRESS (the full address,
                  e.g. 'module.hub.azurerm_virtual_network_gateway.gw["weu"]'): its plan.*
                  error becomes an info; repeat for several resources
  -var NAME=VALUE, -var-file FILE
                  input variables' values, as for terraform plan: they win over the
                  directory's terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json),
                  which win over the defaults; later options win over earlier ones. Locals,
                  for_each, count, dynamic blocks and functions over known values are evaluated;
                  a variable without a value, a data source or a computed attribute stays unknown
  --profile best-practice
                  also run the opt-in posture rules (warnings: active-active, maintenance
                  configuration, custom IPsec policy, Entra-only P2S) and report literal
                  secrets as errors; at synth, set the context key azvpn:profile
  --previous OLD  the previous configuration (a .tf.json file, a directory, or an earlier
                  cdktf.out): warn (synth.replace) on every gateway, gateway public IP,
                  connection, local network gateway or GatewaySubnet that the change from OLD
                  to PATH replaces; configurations pair one with one, or by stack or
                  directory name

azvpn rules
  Lists every rule: id, severity, summary, Azure error code and source.

Exit codes:
  0  no error (warnings and infos allowed)
  1  at least one error
  2  unusable input or command line (one line on stderr, nothing on stdout)

Rules: see RULES.md, or run azvpn rules.
`;

import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { topologyFromTerraformJson } from '../terraform-json';
import { Topology } from '../model/topology';
import type { TopologyReach } from '../reach';
import type * as DiagramModule from '../report/diagram';
import type * as ReachModule from '../reach';
import type * as RenderModule from '../report/render';
import type * as SummaryModule from '../report/summary';
import type * as ExplainTextModule from '../report/explain-text';
import type { Endpoint, ReachHop as EngineHop } from '../reach/types';

// The reachability engine loads on first use: every construct imports this package, and only
// users of VpnTopology need it (BENCHMARKS.md, import cost).
const reachModule = (): typeof ReachModule => require('../reach');
const diagramModule = (): typeof DiagramModule => require('../report/diagram');
const renderModule = (): typeof RenderModule => require('../report/render');
const summaryModule = (): typeof SummaryModule => require('../report/summary');
const explainTextModule = (): typeof ExplainTextModule => require('../report/explain-text');

/** Whether traffic flows between two endpoints. */
export enum ReachStatus {
  /** A documented Azure route carries the traffic. */
  REACHABLE = 'reachable',
  /** No route does; the reason says which rule stops it. */
  UNREACHABLE = 'unreachable',
  /** It depends on a value known only after `terraform apply`; the reason names it. */
  UNKNOWN = 'unknown',
}

/** One step of a path and why it carries the traffic. */
export interface ReachHop {
  /** Endpoint or gateway the step starts at. */
  readonly source: string;
  /** Endpoint or gateway the step ends at. */
  readonly destination: string;
  /** Terraform address of the peering, connection or gateway that makes the step work. */
  readonly via: string;
  readonly reason: string;
  /** Rule id (see RULES.md) the reasoning comes from. */
  readonly rule?: string;
}

/** The answer to "can SOURCE reach DESTINATION?". */
export interface ReachResult {
  /** The source as resolved (an endpoint name, with the address asked about when narrower). */
  readonly source: string;
  readonly destination: string;
  readonly status: ReachStatus;
  /** `status === ReachStatus.REACHABLE`. */
  readonly reachable: boolean;
  /** The path in short, or the first reason it fails (with the rule id), or what is not known. */
  readonly reason: string;
  /** Rule id the reason cites, when unreachable. */
  readonly rule?: string;
}

/** {@link ReachResult} with the path and the things worth knowing on the way. */
export interface ReachExplanation extends ReachResult {
  /** The path; empty when unreachable. */
  readonly hops: ReachHop[];
  /** Forced tunnelling, client routes, on-premises device settings. */
  readonly notes: string[];
  /** The explanation as lines of text, as `azvpn reach` prints it. */
  readonly text: string;
}

/** Something reachability can be asked about. */
export interface ReachEndpoint {
  /** The name to use in questions (unique). */
  readonly name: string;
  /** `vnet`, `site` or `p2s`. */
  readonly kind: string;
  /** Terraform address of the VNet, local network gateway, or (P2S) gateway. */
  readonly address: string;
  /** Construct path, when the resource is in a construct tree. */
  readonly path?: string;
  /** Known address prefixes. */
  readonly prefixes: string[];
}

/** The engine behind each public object; kept out of the jsii surface. */
const REACH = new WeakMap<object, TopologyReach>();

/** Who reaches whom. */
export class ReachabilityMatrix {
  private readonly reach: TopologyReach;

  constructor(topology: VpnTopology) {
    this.reach = REACH.get(topology)!;
  }

  /** Endpoints in matrix order: VNets, sites, P2S pools, each by name. */
  public get endpoints(): ReachEndpoint[] {
    return this.reach.matrix().endpoints.map(toPublicEndpoint);
  }

  /** The status for two endpoint names (as `VpnTopology.endpoints` lists them). */
  public statusOf(source: string, destination: string): ReachStatus {
    const m = this.reach.matrix();
    return toStatus(m.status(this.endpoint(source), this.endpoint(destination)));
  }

  /** Names of the endpoints reachable from `source`. */
  public reachableFrom(source: string): string[] {
    return this.reach.matrix().reachableFrom(this.endpoint(source)).map((e) => e.label);
  }

  /** The matrix as Markdown: a grid for small topologies, one line per source for large ones. */
  public toMarkdown(): string {
    return `${summaryModule().renderMatrixMarkdown(this.reach).join('\n')}\n`;
  }

  private endpoint(name: string): Endpoint {
    const e = this.reach.matrix().endpoints.find((x) => x.label === name);
    if (!e) throw new Error(`no endpoint named "${name}" in the matrix; use a name from VpnTopology.endpoints`);
    return e;
  }
}

// Marks a VpnTopology for isVpnTopology(), which works across copies of this package.
const VPN_TOPOLOGY_SYMBOL = Symbol.for('cdktf-azure-vpn.VpnTopology');

/**
 * The routing view of a VPN topology: which network reaches which, why, and a diagram, at
 * synth time, following documented Azure routing (peering is not transitive; gateway transit;
 * BGP for transit through gateways; P2S client routes; traffic selectors).
 *
 * Endpoints are named by VNet or site name, Terraform address, construct path or id, `p2s`,
 * or an IP address or prefix.
 *
 * ```ts
 * const topology = VpnTopology.of(stack);
 * expect(topology.canReach('spoke-a', 'paris').reachable).toBe(true);
 * ```
 */
export class VpnTopology {
  /** Whether `x` is a VpnTopology, from any copy of this package. */
  // jsii's convention for type checks that work across copies of a package (as `Construct.isConstruct`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static isVpnTopology(x: any): x is VpnTopology {
    return x !== null && typeof x === 'object' && VPN_TOPOLOGY_SYMBOL in x;
  }

  /** The topology of the stack that contains `scope`, read from `stack.toTerraform()` (no synth needed). */
  public static of(scope: IConstruct): VpnTopology {
    const stack = TerraformStack.of(scope);
    return new VpnTopology(topologyFromTerraformJson([{ file: stack.node.path, content: stack.toTerraform() }], [], { variableDefaults: false }), stack.node.path);
  }

  /** The topology of a Terraform JSON configuration given as text (a `cdk.tf.json`, or one `*.tf.json`). */
  public static fromTerraformJson(json: string): VpnTopology {
    return VpnTopology.fromTerraformObject(JSON.parse(json));
  }

  /** The topology of a Terraform JSON configuration already parsed into an object. */
  // jsii's `any`: a parsed JSON document of any shape, which the adapter validates.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static fromTerraformObject(config: any): VpnTopology {
    return new VpnTopology(topologyFromTerraformJson([{ file: 'cdk.tf.json', content: config }]), 'configuration');
  }

  private readonly reach: TopologyReach;

  private constructor(topology: Topology, private readonly name: string) {
    Object.defineProperty(this, VPN_TOPOLOGY_SYMBOL, { value: true });
    this.reach = new (reachModule().TopologyReach)(topology);
    REACH.set(this, this.reach);
  }

  /** Everything reachability can be asked about. */
  public get endpoints(): ReachEndpoint[] {
    return this.reach.network.endpoints.map(toPublicEndpoint);
  }

  /** Whether `source` reaches `destination`. Throws when a name matches nothing or several things. */
  public canReach(source: string, destination: string): ReachResult {
    const e = this.explain(source, destination);
    return { source: e.source, destination: e.destination, status: e.status, reachable: e.reachable, reason: e.reason, rule: e.rule };
  }

  /** Whether `source` reaches `destination`, with every hop and the reason each hop works. */
  public explain(source: string, destination: string): ReachExplanation {
    const a = this.reach.reach(source, destination);
    const hops = a.hops.map(toPublicHop);
    const status = toStatus(a.status);
    return {
      source: a.from,
      destination: a.to,
      status,
      reachable: status === ReachStatus.REACHABLE,
      reason: a.reason,
      rule: a.rule,
      hops,
      notes: a.notes,
      text: explainTextModule().explanationText(a.from, a.to, a.status, a.reason, a.hops, a.notes),
    };
  }

  /** Who reaches whom, from shared routing closures. */
  public matrix(): ReachabilityMatrix {
    return new ReachabilityMatrix(this);
  }

  /** A Mermaid flowchart (renders on GitHub in a ```mermaid block). */
  public toMermaid(): string {
    return renderModule().renderMermaid(diagramModule().buildDiagram(this.reach.network));
  }

  /** A Graphviz DOT graph (`dot -Tsvg`). */
  public toDot(): string {
    return renderModule().renderDot(diagramModule().buildDiagram(this.reach.network));
  }

  /** What `azvpn summary` prints: gateways, tunnels, address plan, matrix, validation checklists. */
  public toMarkdown(): string {
    return summaryModule().renderSummaryMarkdown(summaryModule().buildSummary(this.name, this.reach), this.reach);
  }
}

function toStatus(s: string): ReachStatus {
  return s === 'reachable' ? ReachStatus.REACHABLE : s === 'unknown' ? ReachStatus.UNKNOWN : ReachStatus.UNREACHABLE;
}

function toPublicHop(h: EngineHop): ReachHop {
  return { source: h.from, destination: h.to, via: h.via, reason: h.reason, rule: h.rule };
}

function toPublicEndpoint(e: Endpoint): ReachEndpoint {
  return { name: e.label, kind: e.kind, address: e.address, path: e.path, prefixes: [...e.prefixes.items] };
}

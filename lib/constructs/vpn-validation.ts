import { Annotations, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { appFindingsOf } from './app-validation';
import { existingResourcesOf } from './known-resources';
import { previousSynthOf } from './previous-synth';
import { keepForThisTick } from '../private/this-tick';
import { TerraformJsonOptions, topologyFromTerraformJson, withReplacementsSince } from '../terraform-json';
import { Topology } from '../model/topology';
import { CheckOptions, checkTopology } from '../rules/engine';
import { Finding, Severity } from '../rules/rule';

/** One rule violation (or skip) found in a stack. */
export interface VpnFinding {
  /** Stable rule id, e.g. `gw.pip.standard`; `azvpn rules` lists them. */
  readonly rule: string;
  /** `error`, `warning` or `info`. */
  readonly severity: string;
  /** Terraform address of the resource the finding is about. */
  readonly resource: string;
  /** Construct path of that resource, when it is in the construct tree. */
  readonly path?: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/**
 * Runs the Azure VPN rule engine over a stack at synth time.
 *
 * Every construct of this library enables it on its stack, so raw azurerm resources in the same
 * stack are checked too. Call `VpnValidation.enable(stack)` yourself to check a stack that only
 * holds raw `@cdktf/provider-azurerm` resources.
 *
 * Errors fail the synth once, with every violation listed: each line carries the resource's
 * construct path, the rule id and the fix (cdktf prints `[path] [rule] message`). Warnings
 * become annotations with the rule id in the text. Infos (rules skipped because a value is a
 * token, and notes) are counted in one info line per stack; to list them, set the context key
 * `azvpn:showSkipped` to `true` (in `cdktf.json` `"context"`, or `new App({ context })`) or
 * the environment variable `AZVPN_SHOW_SKIPPED=1`.
 * The rules read the stack's Terraform JSON (`stack.toTerraform()`), the same input as `azvpn check`,
 * so each rule is written once.
 */
export class VpnValidation {
  /** Enables the checks on the stack that contains `scope`. Idempotent. */
  public static enable(scope: IConstruct): void {
    const stack = TerraformStack.of(scope);
    if (STATE.has(stack)) return;
    const state = new StackChecks(stack);
    STATE.set(stack, state);
    stack.node.addValidation({ validate: () => state.run() });
  }

  /**
   * Runs the rules over the stack now and returns every finding, errors first. For tests and
   * tooling; synth runs the same checks on its own.
   */
  public static check(scope: IConstruct): VpnFinding[] {
    const stack = TerraformStack.of(scope);
    return (appFindingsOf(stack, resolve, checkOptionsOf(stack), true) ?? evaluate(stack)).map(toPublic);
  }

  private constructor() {}
}

const STATE = new WeakMap<TerraformStack, StackChecks>();

/** Context key that turns on the opt-in best-practice profile at synth (`"azvpn:profile": "best-practice"`). */
const PROFILE_CONTEXT = 'azvpn:profile';

/** Context key that lists every info finding (skipped checks, notes) at synth instead of counting them. */
const SHOW_SKIPPED_CONTEXT = 'azvpn:showSkipped';
/** Environment variable with the same effect, for a one-off `AZVPN_SHOW_SKIPPED=1 cdktf synth`. */
const SHOW_SKIPPED_ENV = 'AZVPN_SHOW_SKIPPED';

function showSkipped(stack: TerraformStack): boolean {
  const context: unknown = stack.node.tryGetContext(SHOW_SKIPPED_CONTEXT);
  if (context === true || context === 'true' || context === '1') return true;
  const env = process.env[SHOW_SKIPPED_ENV];
  return env !== undefined && env !== '' && env !== '0' && env.toLowerCase() !== 'false';
}

/**
 * cdktf prints a validation error with the path of the construct that returned it, so each
 * error goes back to its resource's node. The stack validates before its children (cdktf walks
 * the tree root first, over a list of nodes taken before the walk), so the stack's validation
 * runs the engine once and hands each resource with errors a validation that returns them: no
 * aspect or lookup table over every resource of the stack, only a path walk per finding.
 */
class StackChecks {
  /** Nodes given a validation that returns their errors; each run refills the lists. */
  private readonly errorsByNode = new Map<IConstruct, string[]>();
  private readonly annotated = new WeakMap<IConstruct, Set<string>>();

  constructor(private readonly stack: TerraformStack) {}

  public run(): string[] {
    // An app of several stacks is checked as a whole (cross-stack references followed), once per synth.
    const all = appFindingsOf(this.stack, resolveOnceForSynth, checkOptionsOf(this.stack)) ?? checkConfig(this.stack, resolveOnceForSynth(this.stack));
    // Infos (mostly checks skipped on values unknown before apply) drown synth output: one line
    // counts them unless the user asks for the list.
    const showInfos = showSkipped(this.stack);
    const findings = showInfos ? all : all.filter((f) => f.severity !== Severity.INFO);
    if (!showInfos) this.summarizeInfos(all.filter((f) => f.severity === Severity.INFO));
    for (const errors of this.errorsByNode.values()) errors.length = 0;
    const orphans: string[] = [];
    for (const f of findings) {
      const node = f.path !== null ? this.nodeAt(f.path) : undefined;
      if (node === undefined) {
        if (f.severity === Severity.ERROR) orphans.push(`[${f.rule}] ${f.resource}: ${f.message}`);
        else this.annotate(this.stack, f, `${f.resource}: `);
      } else if (f.severity === Severity.ERROR) {
        this.errorsOf(node).push(`[${f.rule}] ${f.message}`);
      } else {
        this.annotate(node, f, '');
      }
    }
    return orphans;
  }

  /** The construct of this stack at a construct path (`stack/a/b`), if there is one. */
  private nodeAt(path: string): IConstruct | undefined {
    const prefix = `${this.stack.node.path}/`;
    if (!path.startsWith(prefix)) return undefined;
    let node: IConstruct | undefined = this.stack;
    for (const id of path.slice(prefix.length).split('/')) {
      node = node.node.tryFindChild(id);
      if (node === undefined) return undefined;
    }
    return node;
  }

  private errorsOf(node: IConstruct): string[] {
    const existing = this.errorsByNode.get(node);
    if (existing !== undefined) return existing;
    const errors: string[] = [];
    this.errorsByNode.set(node, errors);
    node.node.addValidation({ validate: () => [...errors] });
    return errors;
  }

  private summarizeInfos(infos: Finding[]): void {
    if (infos.length === 0) return;
    const skipped = infos.filter((f) => f.message.startsWith('skipped:')).length;
    const notes = infos.length - skipped;
    const parts = [
      ...(skipped > 0 ? [`${skipped} ${skipped === 1 ? 'check' : 'checks'} skipped because a value is not known at synth time`] : []),
      ...(notes > 0 ? [`${notes} ${notes === 1 ? 'note' : 'notes'}`] : []),
    ];
    const text = `[azvpn] ${parts.join(', ')}; list them with the context key ${SHOW_SKIPPED_CONTEXT}=true (cdktf.json "context") or the environment variable ${SHOW_SKIPPED_ENV}=1`;
    let seen = this.annotated.get(this.stack);
    if (!seen) this.annotated.set(this.stack, (seen = new Set()));
    if (seen.has(text)) return;
    seen.add(text);
    Annotations.of(this.stack).addInfo(text);
  }

  private annotate(node: IConstruct, f: Finding, prefix: string): void {
    const text = `[${f.rule}] ${prefix}${f.message}`;
    let seen = this.annotated.get(node);
    if (!seen) {
      seen = new Set();
      this.annotated.set(node, seen);
    }
    if (seen.has(text)) return;
    seen.add(text);
    if (f.severity === Severity.WARNING) Annotations.of(node).addWarning(text);
    else Annotations.of(node).addInfo(text);
  }
}

/**
 * At synth a cdktf variable is an input the deployment may still set (`TF_VAR_…`, a workspace
 * variable): its default is not the value, so variables stay unknown.
 */
const SYNTH_OPTIONS: TerraformJsonOptions = { variableDefaults: false };

/**
 * The stack's topology model, read from its Terraform JSON as the checks read it: for constructs
 * that derive something from the whole stack (a device configuration). Internal.
 */
export function topologyOfStack(stack: TerraformStack): Topology {
  // Every device configuration of the stack reads it at validation and again at synth: one
  // resolve serves them all within the synth (the tick), while the tree is unchanged.
  const nodes = stack.node.findAll().length;
  const cached = STACK_TOPOLOGIES.get(stack);
  if (cached !== undefined && cached.nodes === nodes) return cached.topology;
  const topology = topologyFromTerraformJson([{ file: stack.node.path, content: resolve(stack) }], [], SYNTH_OPTIONS);
  keepForThisTick(STACK_TOPOLOGIES, stack, { topology, nodes });
  return topology;
}

const STACK_TOPOLOGIES = new WeakMap<TerraformStack, { readonly topology: Topology; readonly nodes: number }>();

function evaluate(stack: TerraformStack): Finding[] {
  return checkConfig(stack, resolve(stack));
}

function checkConfig(stack: TerraformStack, config: unknown): Finding[] {
  const built = topologyFromTerraformJson([{ file: stack.node.path, content: config }], existingResourcesOf(stack), SYNTH_OPTIONS);
  // synth.replace: what changed since the last synth wrote this stack, when it did.
  const previous = previousSynthOf(stack);
  const topology = previous === undefined ? built : withReplacementsSince(built, previous, config);
  return checkTopology(topology, checkOptionsOf(stack));
}

function checkOptionsOf(stack: TerraformStack): CheckOptions {
  // At synth a literal secret can only be a mistake (the library generates keys), so it fails.
  const profile = stack.node.tryGetContext(PROFILE_CONTEXT) === 'best-practice' ? 'best-practice' : undefined;
  return { literalSecretsAreErrors: true, ...(profile ? { profile } : {}) };
}

/** The stack's class method, never a hand-off installed by {@link resolveOnceForSynth}. */
function resolve(stack: TerraformStack): unknown {
  return Object.getPrototypeOf(stack).toTerraform.call(stack);
}

/**
 * Resolves the stack for the checks and hands the result to the synthesizer, which calls
 * `toTerraform()` right after validation in the same synchronous synth: resolving a large stack
 * twice was half of this library's synth overhead (BENCHMARKS.md). The hand-off is used at most
 * once and dropped on the next tick, so any later synth, after any change, resolves afresh.
 * The checks only read the configuration; the synthesizer only serializes it.
 */
function resolveOnceForSynth(stack: TerraformStack): unknown {
  const config = resolve(stack);
  const nodes = stack.node.findAll().length;
  const target = stack as unknown as { toTerraform?: () => unknown };
  const handOff = (): unknown => {
    if (target.toTerraform === handOff) delete target.toTerraform;
    // Constructs added since validation (same tick, without a new synth) make it stale.
    return stack.node.findAll().length === nodes ? config : resolve(stack);
  };
  target.toTerraform = handOff;
  process.nextTick(() => {
    if (target.toTerraform === handOff) delete target.toTerraform;
  });
  return config;
}

function toPublic(f: Finding): VpnFinding {
  return { rule: f.rule, severity: f.severity, resource: f.resource, path: f.path ?? undefined, message: f.message };
}

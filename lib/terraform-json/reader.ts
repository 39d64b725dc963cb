import { parseTemplate } from './syntax';
import { Declared, dynamicBlock, isObject, JsonObject, own, Resolved, Resolver } from './values';
import { Maybe, MaybeList, Unknown } from '../model/unknown';

/** What a reader needs from the adapter besides value resolution. */
export interface ReaderServices {
  readonly resolver: Resolver;
  /**
   * The address of the entity a literal string names when it is an Azure resource ID (the
   * external entity is created on first use); undefined when it is not an ID.
   */
  externalFromId(text: string): string | undefined;
  /** Makes sure a referenced data block exists as an entity. */
  ensureData(address: string): void;
}

/**
 * Reads the attributes of one block (a resource body or a nested block) as model values.
 * Malformed values never throw: they become an {@link Unknown} that says what is wrong, so
 * rules skip them instead of guessing.
 */
export class BlockReader {
  constructor(
    private readonly services: ReaderServices,
    public readonly owner: Declared,
    public readonly body: JsonObject,
    /** Terraform path of this block inside the resource (`vpn_client_configuration.`), for messages. */
    private readonly path: string,
    /** Nested blocks whose content is unknown, by Terraform path; shared by one entity's readers. */
    private readonly unknownBlocks: Record<string, Unknown>,
  ) {}

  public has(attribute: string): boolean {
    const raw = own(this.body, attribute);
    return raw !== undefined && raw !== null;
  }

  public raw(attribute: string): unknown {
    return own(this.body, attribute);
  }

  public resolved(attribute: string): Resolved | undefined {
    return this.services.resolver.resolve(own(this.body, attribute), this.owner);
  }

  public text(attribute: string): Maybe<string> | undefined {
    return this.toText(this.resolved(attribute), attribute);
  }

  /**
   * A secret (shared key, RADIUS secret). Its Unknown keeps the expression only when that is a
   * single reference: the expression of a template mixing text would carry part of the secret.
   */
  public secret(attribute: string): Maybe<string> | undefined {
    const value = this.text(attribute);
    if (value instanceof Unknown && value.expression !== undefined && !isSingleInterpolation(value.expression)) {
      return new Unknown(value.reason);
    }
    return value;
  }

  public bool(attribute: string): Maybe<boolean> | undefined {
    const r = this.resolved(attribute);
    if (r === undefined || r instanceof Unknown) return r;
    if (r.kind === 'json' && typeof r.value === 'boolean') return r.value;
    if (r.kind === 'text') {
      const t = r.text.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    return this.malformed(attribute, r, 'true or false');
  }

  public num(attribute: string): Maybe<number> | undefined {
    const r = this.resolved(attribute);
    if (r === undefined || r instanceof Unknown) return r;
    if (r.kind === 'json' && typeof r.value === 'number' && Number.isFinite(r.value)) return r.value;
    if (r.kind === 'text' && /^\s*-?\d+(\.\d+)?\s*$/.test(r.text)) return Number(r.text);
    return this.malformed(attribute, r, 'a number');
  }

  /** An attribute that names another resource by reference or by literal Azure resource ID. */
  public ref(attribute: string): Maybe<string> | undefined {
    return this.toRef(this.resolved(attribute), attribute);
  }

  public list(attribute: string): MaybeList<string> | undefined {
    return this.listOf(attribute, (r) => this.toText(r, attribute));
  }

  public refList(attribute: string): MaybeList<string> | undefined {
    return this.listOf(attribute, (r) => this.toRef(r, attribute));
  }

  /**
   * Nested blocks, written as an object or an array of objects. `unknown` is set when some of
   * them come from a `dynamic` block or an expression; the readers are the blocks written out.
   */
  public blocks(attribute: string): { readers: BlockReader[]; unknown?: Unknown } {
    const readers: BlockReader[] = [];
    let unknown: Unknown | undefined;
    const r = this.resolved(attribute);
    const nestedPath = `${this.path}${attribute}.`;
    const add = (body: JsonObject, owner: Declared) =>
      readers.push(new BlockReader(this.services, owner, body, nestedPath, this.unknownBlocks));
    if (r instanceof Unknown) {
      unknown = r;
    } else if (r !== undefined) {
      if (r.kind === 'json' && isObject(r.value)) {
        add(r.value, r.owner);
      } else if (r.kind === 'json' && Array.isArray(r.value)) {
        for (const item of r.value) {
          const ir = this.services.resolver.resolve(item, r.owner);
          if (ir === undefined) continue;
          if (ir instanceof Unknown) unknown ??= ir;
          else if (ir.kind === 'json' && isObject(ir.value)) add(ir.value, ir.owner);
          else unknown ??= new Unknown(`${this.path}${attribute} holds an item that is not a block`);
        }
      } else {
        unknown = new Unknown(`${this.path}${attribute} is not a block`);
      }
    }
    const dynamic = dynamicBlock(this.body, attribute);
    if (dynamic !== undefined) {
      const expanded = this.expandDynamic(attribute, dynamic, nestedPath);
      if (expanded instanceof Unknown) unknown ??= expanded;
      else readers.push(...expanded);
    }
    if (unknown) this.unknownBlocks[`${this.path}${attribute}`] = unknown;
    return unknown ? { readers, unknown } : { readers };
  }

  /**
   * The blocks a `dynamic "<attribute>"` block makes when its `for_each` is a known list or map
   * (literals, locals): one reader per element, in which `<iterator>.key` and `<iterator>.value`
   * are that element's. Unknown when the collection is not known or the block is malformed.
   */
  private expandDynamic(attribute: string, dynamic: unknown, nestedPath: string): BlockReader[] | Unknown {
    const why = (reason: string) => new Unknown(`${this.path}${attribute} is built by a dynamic block ${reason}`);
    const spec = Array.isArray(dynamic) ? dynamic.find(isObject) : dynamic;
    if (!isObject(spec)) return why('that is malformed');
    const content = Array.isArray(own(spec, 'content')) ? (own(spec, 'content') as unknown[]).find(isObject) : own(spec, 'content');
    if (!isObject(content)) return why('without content');
    const iteratorName = own(spec, 'iterator');
    const name = typeof iteratorName === 'string' ? iteratorName.replace(/^\$\{(.*)\}$/, '$1') : attribute;
    const collection = this.services.resolver.resolve(own(spec, 'for_each'), this.owner);
    if (collection === undefined) return why('without for_each');
    if (collection instanceof Unknown) return why(`over a collection Terraform evaluates (${collection.reason})`);
    if (collection.kind !== 'json' || (!Array.isArray(collection.value) && !isObject(collection.value))) return why('over a value that is not a list or map');
    const entries: Array<[string | number, unknown]> = Array.isArray(collection.value)
      ? collection.value.map((v, i) => [i, v] as [number, unknown])
      : Object.keys(collection.value).sort().map((k) => [k, (collection.value as JsonObject)[k]] as [string, unknown]);
    if (entries.length > MAX_DYNAMIC_ELEMENTS) return why(`over more than ${MAX_DYNAMIC_ELEMENTS} elements`);
    return entries.map(([key, value]) => {
      // Terraform: the map key, or the list element's index.
      const element: JsonObject = { key, value };
      const owner: Declared = {
        ...this.owner,
        iterator: { name, element, owner: collection.owner, address: `${this.owner.address}.dynamic.${attribute}[${JSON.stringify(key)}]` },
      };
      return new BlockReader(this.services, owner, content, nestedPath, this.unknownBlocks);
    });
  }

  /** A block with at most one item; an Unknown when it comes from a dynamic block or an expression. */
  public block(attribute: string): BlockReader | Unknown | undefined {
    const { readers, unknown } = this.blocks(attribute);
    if (readers.length > 0) return readers[0];
    return unknown;
  }

  private listOf<T>(attribute: string, convert: (r: Resolved) => Maybe<T> | undefined): MaybeList<T> | undefined {
    const r = this.resolved(attribute);
    if (r === undefined) return undefined;
    if (r instanceof Unknown) return { items: [], unknown: r };
    if (r.kind !== 'json' || !Array.isArray(r.value)) {
      return { items: [], unknown: new Unknown(`${this.path}${attribute} is not a list`) };
    }
    const items: T[] = [];
    let unknown: Unknown | undefined;
    for (const item of r.value) {
      const ir = this.services.resolver.resolve(item, r.owner);
      if (ir === undefined) continue;
      const value = convert(ir);
      if (value === undefined) continue;
      if (value instanceof Unknown) unknown ??= value;
      else items.push(value);
    }
    return unknown ? { items, unknown } : { items };
  }

  private toText(r: Resolved | undefined, attribute: string): Maybe<string> | undefined {
    if (r === undefined || r instanceof Unknown) return r;
    if (r.kind === 'text') return r.text;
    if (r.kind === 'ref') return new Unknown(`${r.address}.id is computed at apply`, r.expression);
    if (typeof r.value === 'number' || typeof r.value === 'boolean') return String(r.value);
    return new Unknown(`${this.path}${attribute} holds a list or block where a single value is expected`);
  }

  private toRef(r: Resolved | undefined, attribute: string): Maybe<string> | undefined {
    if (r === undefined || r instanceof Unknown) return r;
    if (r.kind === 'ref') {
      this.services.ensureData(r.address);
      return r.address;
    }
    if (r.kind === 'text') {
      const external = this.services.externalFromId(r.text);
      if (external !== undefined) return external;
      return new Unknown(`${this.path}${attribute} = ${shortly(r.text)} is neither a reference nor an Azure resource ID`);
    }
    return new Unknown(`${this.path}${attribute} holds a ${typeof r.value === 'object' ? 'list or block' : typeof r.value} where a resource ID is expected`);
  }

  private malformed(attribute: string, r: Exclude<Resolved, Unknown>, expected: string): Unknown {
    if (r.kind === 'ref') return new Unknown(`${r.address}.id is computed at apply`, r.expression);
    const shown = r.kind === 'text' ? shortly(r.text) : Array.isArray(r.value) || isObject(r.value) ? 'a list or block' : shortly(String(r.value));
    return new Unknown(`${this.path}${attribute} = ${shown} is not ${expected}`);
  }
}

/** Dynamic blocks over more elements than this stay unknown (no configuration needs that many). */
const MAX_DYNAMIC_ELEMENTS = 1000;

function shortly(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function isSingleInterpolation(expression: string): boolean {
  const t = parseTemplate(expression);
  return !t.unterminated && t.parts.length === 1 && 'expression' in t.parts[0];
}

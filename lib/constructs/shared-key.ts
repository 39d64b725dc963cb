import { DataAzurermKeyVaultSecret } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault-secret';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn, TerraformProvider, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { VpnConfigError } from '../private/construct-errors';

/**
 * Options for `SharedKey.generate()`.
 */
export interface SharedKeyGenerateOptions {
  /**
   * Number of characters. Azure accepts up to 128.
   * @default 64
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly length?: number;
}

const SHARED_KEY_SYMBOL = Symbol.for('cdktf-azure-vpn.SharedKey');

/**
 * The pre-shared key of a site-to-site or VNet-to-VNet connection (or a RADIUS server secret).
 *
 * A key is generated (`random_password`, kept in the Terraform state), or read from a sensitive
 * variable or a Key Vault secret. A literal ends up in the code, the synthesized JSON and the
 * state, so synth fails on one (`secret.literal`), however it got there; the one deliberate way
 * to pass a literal is `SharedKey.unsafePlainText()`.
 *
 * A `SharedKey` object resolves to one value: bind the same object to both connections of a
 * VNet-to-VNet pair and both get the same key.
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 * @example const key = SharedKey.generate(); // used by both directions of a VNet-to-VNet pair
 */
export abstract class SharedKey {
  /** The length of generated keys unless told otherwise. */
  public static readonly DEFAULT_LENGTH = 64;

  /**
   * A random alphanumeric key (`random_password` with `special = false`), created under the
   * first scope that binds it. Adds the `random` provider to the stack when it has none.
   *
   * Alphanumeric because Azure refuses spaces and some punctuation in keys, and on-premises
   * devices disagree about the rest; 64 characters of [A-Za-z0-9] carry 380 bits.
   */
  public static generate(options: SharedKeyGenerateOptions = {}): SharedKey {
    const length: unknown = options.length ?? SharedKey.DEFAULT_LENGTH;
    // A token (a variable's value) is only known at plan: Terraform and the random provider check it then.
    if (typeof length !== 'number' || (!Token.isUnresolved(length) && (!Number.isInteger(length) || length < 1 || length > 128))) {
      const shown = typeof length === 'number' ? String(length) : `a ${typeof length}`;
      throw new VpnConfigError('conn.shared-key', `SharedKey.generate({ length: ${shown} }) is not a whole number from 1 to 128; Azure accepts keys of 1 to 128 characters`);
    }
    return new GeneratedSharedKey(length);
  }

  /**
   * A literal key, written into the configuration on purpose, for a key an on-premises device
   * already uses and that cannot live in Key Vault yet. It is wrapped in Terraform's
   * `sensitive()`, so plans never print it, but it sits in plain text in your code, in
   * `cdk.tf.json` and in the state: synth keeps a `secret.literal` warning on every use.
   * Prefer `generate()`, `fromVariable()` or `fromKeyVault()`.
   */
  public static unsafePlainText(value: string): SharedKey {
    if (typeof value !== 'string' || value.length === 0) {
      throw new VpnConfigError('conn.shared-key', 'SharedKey.unsafePlainText() needs a non-empty string');
    }
    return new ValueSharedKey(Fn.sensitive(value));
  }

  /** Whether `x` is a `SharedKey`, from this copy of the library or another one. */
  // jsii's convention for type checks that work across copies of a package (as `Construct.isConstruct`).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  public static isSharedKey(x: any): x is SharedKey {
    return x !== null && typeof x === 'object' && SHARED_KEY_SYMBOL in x;
  }

  /**
   * The value of a Terraform variable, which must be declared `sensitive: true` so that Terraform
   * never prints it.
   */
  public static fromVariable(variable: TerraformVariable): SharedKey {
    if (variable.sensitive !== true) {
      throw new VpnConfigError(
        'conn.shared-key',
        `variable "${variable.friendlyUniqueId}" holds a shared key but is not sensitive; declare it with sensitive: true`,
        variable,
      );
    }
    return new ValueSharedKey(variable.stringValue);
  }

  /** The value of a Key Vault secret you already read with a `DataAzurermKeyVaultSecret`. */
  public static fromKeyVaultSecret(secret: DataAzurermKeyVaultSecret): SharedKey {
    return new ValueSharedKey(secret.value);
  }

  /**
   * The value of the secret `secretName` in the Key Vault `keyVaultId`. Reads it with an
   * `azurerm_key_vault_secret` data source named `SharedKeySecret` under the first scope that
   * binds it.
   */
  public static fromKeyVault(keyVaultId: string, secretName: string): SharedKey {
    return new KeyVaultSharedKey(keyVaultId, secretName);
  }

  protected constructor() {
    Object.defineProperty(this, SHARED_KEY_SYMBOL, { value: true });
  }

  /**
   * The key, as a token to write into `shared_key`. The first call creates what the key needs
   * (the `random_password` or the data source) under `scope`; every later call, from any scope,
   * returns the same token.
   */
  public abstract bind(scope: Construct): string;
}

class GeneratedSharedKey extends SharedKey {
  private token?: string;

  constructor(private readonly length: number) {
    super();
  }

  public bind(scope: Construct): string {
    if (this.token === undefined) {
      ensureRandomProvider(scope);
      const password = new Password(scope, 'SharedKey', {
        length: this.length,
        special: false,
        upper: true,
        lower: true,
        numeric: true,
      });
      this.token = password.result;
    }
    return this.token;
  }
}

class ValueSharedKey extends SharedKey {
  constructor(private readonly value: string) {
    super();
  }

  public bind(_scope: Construct): string {
    return this.value;
  }
}

class KeyVaultSharedKey extends SharedKey {
  private token?: string;

  constructor(private readonly keyVaultId: string, private readonly secretName: string) {
    super();
  }

  public bind(scope: Construct): string {
    if (this.token === undefined) {
      const secret = new DataAzurermKeyVaultSecret(scope, 'SharedKeySecret', { keyVaultId: this.keyVaultId, name: this.secretName });
      this.token = secret.value;
    }
    return this.token;
  }
}

/**
 * Binds a key given by untyped JavaScript, which may pass anything: a plain string (the key
 * itself, never shown) gets the library's error format instead of a TypeError.
 */
export function bindSharedKey(key: unknown, scope: Construct, what: string): string {
  if (!SharedKey.isSharedKey(key)) {
    const given = key === null ? 'null' : Array.isArray(key) ? 'an array' : `a ${typeof key}`;
    throw new VpnConfigError(
      'conn.shared-key',
      `${what} must be a SharedKey (SharedKey.generate(), .fromVariable(), .fromKeyVault() or, knowingly, .unsafePlainText()), not ${given}`,
      scope,
    );
  }
  return key.bind(scope);
}

const STACKS_WITH_RANDOM = new WeakSet<TerraformStack>();

/** A `random_password` needs the `random` provider; add it once per stack unless the user did. */
function ensureRandomProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (STACKS_WITH_RANDOM.has(stack)) return;
  const existing = stack.node
    .findAll()
    .some((c) => TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === 'random');
  if (!existing) new RandomProvider(stack, 'RandomProvider');
  STACKS_WITH_RANDOM.add(stack);
}

import { Annotations, Lazy, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ILocalSite, LocalSite } from './local-site';
import { topologyOfStack, VpnValidation } from './vpn-validation';
import { DeviceSpec, DeviceSpecError, deviceSpecFromTopology } from '../devices/device-spec';
import { deviceVendor } from '../devices/vendors';

/**
 * The on-premises device software a {@link DeviceConfiguration} is written for.
 */
export class DeviceVendor {
  /** strongSwan `swanctl.conf` (connections and secrets; `swanctl --load-all --file`). Interop-tested. */
  public static readonly STRONGSWAN = new DeviceVendor('strongswan');
  /** FRR `frr.conf` (BGP neighbours for the tunnels of the strongSwan file). Interop-tested; BGP sites only. */
  public static readonly FRR = new DeviceVendor('frr');
  /** Cisco IOS-XE route-based VTI with BGP. A template, not interop-tested. */
  public static readonly CISCO_IOS_XE = new DeviceVendor('cisco-iosxe');
  /** Juniper SRX route-based st0 with BGP (set commands). A template, not interop-tested. */
  public static readonly JUNIPER_SRX = new DeviceVendor('juniper-srx');
  /** FortiGate route-based IPsec interfaces with BGP. A template, not interop-tested. */
  public static readonly FORTIGATE = new DeviceVendor('fortigate');
  /** Palo Alto PAN-OS route-based tunnel interfaces with BGP (set commands). A template, not interop-tested. */
  public static readonly PALO_ALTO_PANOS = new DeviceVendor('paloalto-panos');

  /** A vendor by its `azvpn device-config --vendor` name. */
  public static of(name: string): DeviceVendor {
    if (!deviceVendor(name)) throw new Error(`unknown device vendor ${JSON.stringify(name)}`);
    return new DeviceVendor(name);
  }

  private constructor(
    /** The `--vendor` name. */
    public readonly name: string,
  ) {}
}

/**
 * Properties of a `DeviceConfiguration`.
 */
export interface DeviceConfigurationProps {
  /** The on-premises site (a `LocalSite`, or `VpnSite.localSite`) created in this stack. */
  readonly site: ILocalSite;
  /** What to write. */
  readonly vendor: DeviceVendor;
  /**
   * Prefixes the device announces over BGP.
   * @default - none
   */
  readonly advertisedPrefixes?: string[];
  /**
   * Name of the Terraform output.
   * @default - the construct's unique id
   */
  readonly outputName?: string;
}

/**
 * The on-premises device's configuration for one site, as a sensitive Terraform output.
 *
 * It is derived at synth from the same model `azvpn check` reads, and built from Terraform
 * expressions for what is known only after apply (the gateway instances' public IPs, Azure's
 * default BGP addresses, the pre-shared key), so after `cdktf deploy` the output is a ready
 * file: `terraform output -raw <name> > swanctl.conf` in the stack's directory.
 *
 * @example new DeviceConfiguration(this, 'ParisDevice', { site: paris.localSite, vendor: DeviceVendor.STRONGSWAN });
 */
export class DeviceConfiguration extends Construct {
  /** The sensitive `TerraformOutput` holding the file. */
  public readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: DeviceConfigurationProps) {
    super(scope, id);
    VpnValidation.enable(this);
    const stack = TerraformStack.of(this);
    const vendor = deviceVendor(props.vendor.name)!;
    const site = siteAddress(props.site);
    let producing = false;
    const render = (): string => {
      // Reading the stack's JSON resolves this output again: the inner pass sees a stub.
      if (producing) return '';
      producing = true;
      try {
        const spec = deviceSpecFromTopology(topologyOfStack(stack), site ?? props.site.localNetworkGatewayName, {
          advertise: props.advertisedPrefixes ?? [],
        });
        warnAboutMarkers(this, spec);
        return vendor.render(spec, {
          terraformOutput: true,
          placeholder: (p) => (p.terraformExpression === undefined ? `{{REPLACE:${p.name}}}` : `\${${p.terraformExpression}}`),
        });
      } finally {
        producing = false;
      }
    };
    this.node.addValidation({
      validate: () => {
        try {
          render();
          return [];
        } catch (error) {
          if (error instanceof DeviceSpecError) return [`[device.config] ${error.message}`];
          throw error;
        }
      },
    });
    this.output = new TerraformOutput(this, 'Output', {
      value: Lazy.stringValue({
        produce: () => {
          try {
            return render();
          } catch (error) {
            if (error instanceof DeviceSpecError) return `# azvpn cannot write this device configuration: ${error.message}\n`;
            throw error;
          }
        },
      }),
      sensitive: true,
      description: `${vendor.name} configuration (${vendor.fileName}) for the on-premises device of site ${props.site.localNetworkGatewayName}`,
    });
    if (props.outputName !== undefined) this.output.overrideLogicalId(props.outputName);
  }
}

/** The local network gateway's Terraform address, when this stack creates it. */
function siteAddress(site: ILocalSite): string | undefined {
  return site instanceof LocalSite ? `azurerm_local_network_gateway.${site.localNetworkGateway.friendlyUniqueId}` : undefined;
}

function warnAboutMarkers(scope: Construct, spec: DeviceSpec): void {
  const markers = spec.placeholders.filter((p) => p.terraformExpression === undefined);
  if (markers.length > 0) {
    Annotations.of(scope).addWarning(`[device.config] ${markers.map((p) => `${p.name} (${p.description})`).join(', ')} cannot be expressed in Terraform; the output keeps {{REPLACE:NAME}} markers for them`);
  }
}

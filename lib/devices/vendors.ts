import { DeviceSpec } from './device-spec';
import { renderFrr } from './frr';
import { RenderOptions } from './render-support';
import { renderStrongswan } from './strongswan';
import { renderCiscoIosXe, renderFortigate, renderJuniperSrx, renderPanOs } from './vendor-templates';

/** A device vendor azvpn writes configuration for. */
export interface DeviceVendorInfo {
  /** The `--vendor` value. */
  readonly name: string;
  /** The file `--out DIR` writes. */
  readonly fileName: string;
  /** Whether the output runs in the interop test against the emulated Azure gateway. */
  readonly interopTested: boolean;
  readonly render: (spec: DeviceSpec, options?: RenderOptions) => string;
}

const VENDORS: readonly DeviceVendorInfo[] = [
  { name: 'strongswan', fileName: 'swanctl.conf', interopTested: true, render: renderStrongswan },
  { name: 'frr', fileName: 'frr.conf', interopTested: true, render: renderFrr },
  // Templates: golden-file tested only.
  { name: 'cisco-iosxe', fileName: 'cisco-iosxe.cfg', interopTested: false, render: renderCiscoIosXe },
  { name: 'juniper-srx', fileName: 'juniper-srx.set', interopTested: false, render: renderJuniperSrx },
  { name: 'fortigate', fileName: 'fortigate.conf', interopTested: false, render: renderFortigate },
  { name: 'paloalto-panos', fileName: 'paloalto-panos.set', interopTested: false, render: renderPanOs },
];

export function deviceVendors(): readonly DeviceVendorInfo[] {
  return VENDORS;
}

export function deviceVendor(name: string): DeviceVendorInfo | undefined {
  return VENDORS.find((v) => v.name === name);
}

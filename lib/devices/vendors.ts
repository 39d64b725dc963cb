import { DeviceSpec } from './device-spec';
import { renderFrr } from './frr';
import { RenderOptions } from './render-support';
import { renderStrongswan } from './strongswan';

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
];

export function deviceVendors(): readonly DeviceVendorInfo[] {
  return VENDORS;
}

export function deviceVendor(name: string): DeviceVendorInfo | undefined {
  return VENDORS.find((v) => v.name === name);
}

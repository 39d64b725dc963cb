import * as fs from 'fs';
import * as path from 'path';
import { DeviceSpec, deviceSpecFromTopology, DeviceSpecOptions } from '../../lib/devices/device-spec';
import { topologyFromTerraformShow } from '../../lib/terraform-json/show';
import { Topology } from '../../lib/model/topology';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const GOLDEN = path.join(__dirname, 'golden');

type Resource = { type: string; address: string; values: Record<string, unknown> };
type Module = { resources: Resource[]; child_modules?: Module[] };

/** A state fixture, parsed; `edit` may change any resource's values before the model is built. */
export function stateFixture(name: string, edit?: (resource: Resource) => void): unknown {
  const state = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf-8')) as { values: { root_module: Module } };
  if (edit) {
    const visit = (m: Module): void => {
      m.resources.forEach(edit);
      (m.child_modules ?? []).forEach(visit);
    };
    visit(state.values.root_module);
  }
  return state;
}

export function stateTopology(name: string, edit?: (resource: Resource) => void): Topology {
  return topologyFromTerraformShow(name, stateFixture(name, edit));
}

export function specFromState(name: string, site: string, options: DeviceSpecOptions = {}, edit?: (resource: Resource) => void): DeviceSpec {
  return deviceSpecFromTopology(stateTopology(name, edit), site, options);
}

/**
 * Compares with a golden file under test/devices/golden; `UPDATE_GOLDEN=1 npx jest test/devices`
 * rewrites them (review the diff before committing).
 */
export function expectGolden(file: string, actual: string): void {
  const target = path.join(GOLDEN, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(target, actual);
  }
  expect(actual).toBe(fs.readFileSync(target, 'utf-8'));
}

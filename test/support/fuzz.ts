import * as fc from 'fast-check';

/**
 * Run counts and seeds for the property tests. `npm test` (and CI) runs every property a fixed
 * number of times from one fixed seed, within a time budget, so a run is repeatable and bounded;
 * fast-check prints the seed and path of a failure, and `AZVPN_FUZZ_SEED=<seed>` replays it.
 * `npm run test:fuzz` runs the same properties 50 times as often from a random seed.
 */
export const FUZZ_SEED = 20261206;
const LONG = process.env.AZVPN_FUZZ === 'long';
const SEED = process.env.AZVPN_FUZZ_SEED !== undefined ? Number(process.env.AZVPN_FUZZ_SEED) : LONG ? Date.now() : FUZZ_SEED;
/** Per property, in CI: past it the property stops and passes with the runs it made. */
const TIME_BUDGET_MS = 30_000;

export function fuzz(numRuns: number): fc.Parameters<unknown> {
  return LONG
    ? { numRuns: numRuns * 50, seed: SEED }
    : { numRuns, seed: SEED, interruptAfterTimeLimit: TIME_BUDGET_MS, markInterruptAsFailure: false };
}

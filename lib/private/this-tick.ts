/**
 * Keeps `value` under `key` for the rest of this tick only. cdktf validates and synthesizes in one
 * synchronous pass, so what one synth computes can serve its later steps; the next synth, after
 * any change, must compute afresh.
 */
export function keepForThisTick<K extends object, V>(map: WeakMap<K, V>, key: K, value: V): void {
  map.set(key, value);
  process.nextTick(() => {
    if (map.get(key) === value) map.delete(key);
  });
}

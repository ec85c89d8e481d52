// Axis ticks a person reads at a glance: 0, 1, 2, 3 or 0, 0.5, 1, 1.5, never
// 0.65, 1.3, 1.95. Steps are 1, 2 or 5 times a power of ten.

/**
 * Ticks from 0 to at least `max`, about `count` steps apart. `whole` keeps
 * the step at 1 or more, for things counted one by one.
 */
export function roundTicks(max: number, options: { count?: number; whole?: boolean } = {}): number[] {
  const count = Math.max(1, options.count ?? 4)
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const rough = top / count
  const power = 10 ** Math.floor(Math.log10(rough))
  let step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power
  if (options.whole) step = Math.max(1, Math.round(step))
  const decimals = Math.max(0, -Math.floor(Math.log10(step)))
  const ticks: number[] = []
  for (let index = 0; ; index++) {
    const tick = Number((index * step).toFixed(decimals))
    ticks.push(tick)
    if (tick >= top) break
  }
  return ticks
}

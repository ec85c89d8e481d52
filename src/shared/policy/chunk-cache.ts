// Memoises a weekly schedule's instants per zone and per week-long chunk of
// time, because the engine and simulate() ask for the next check-in or the
// surrounding blocks hundreds of thousands of times and Temporal is slow.
// Keyed by the schedule's content; the array's identity is only a fast path,
// re-checked against a hash of its content, so a schedule edited in place
// never reads stale instants.

/** A check-in window or a deep-work block: what identifies its instants. */
export type WeeklyEntry = { days: readonly string[] } & ({ time: string } | { start: string; end: string })

type ZoneChunks<T> = Map<string, Map<number, T>>

const maxSchedules = 256
const maxChunksPerZone = 2048

export class ChunkCache<T> {
  private readonly byIdentity = new WeakMap<object, { hash: number; zones: ZoneChunks<T> }>()
  private readonly byContent = new Map<string, ZoneChunks<T>>()

  get(schedule: readonly WeeklyEntry[], zone: string, chunk: number, compute: () => T): T {
    const zones = this.zonesOf(schedule)
    let chunks = zones.get(zone)
    if (!chunks) {
      chunks = new Map()
      zones.set(zone, chunks)
    }
    const known = chunks.get(chunk)
    if (known !== undefined) return known
    if (chunks.size >= maxChunksPerZone) chunks.clear()
    const value = compute()
    chunks.set(chunk, value)
    return value
  }

  private zonesOf(schedule: readonly WeeklyEntry[]): ZoneChunks<T> {
    const hash = contentHash(schedule)
    const known = this.byIdentity.get(schedule)
    if (known && known.hash === hash) return known.zones
    const signature = JSON.stringify(schedule)
    let zones = this.byContent.get(signature)
    if (!zones) {
      if (this.byContent.size >= maxSchedules) this.byContent.clear()
      zones = new Map()
      this.byContent.set(signature, zones)
    }
    this.byIdentity.set(schedule, { hash, zones })
    return zones
  }
}

/** FNV-1a over every field that decides the instants; cheap enough to run on each call. */
function contentHash(schedule: readonly WeeklyEntry[]): number {
  let hash = 0x811c9dc5
  const mix = (text: string) => {
    for (let index = 0; index < text.length; index++)
      hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193)
    hash = Math.imul(hash ^ 0x7c, 0x01000193)
  }
  for (const entry of schedule) {
    if ('time' in entry) mix(entry.time)
    else {
      mix(entry.start)
      mix(entry.end)
    }
    for (const day of entry.days) mix(day)
    mix('')
  }
  return hash
}

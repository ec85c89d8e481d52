// How the face benchmark writes its figures: counts with separators, whole
// milliseconds, ratios to the baseline, and a goal's verdict.
export const count = (value: number) => value.toLocaleString('en')
export const ms = (value: number) => `${Math.round(value)} ms`
export const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(1)} s`
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
export const kb = (bytes: number) => `${count(Math.round(bytes / 1024))} KB`
export const verdict = (isMet: boolean) => (isMet ? 'met' : 'MISSED')
export const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`

/** The value below which `share` of the values fall (nearest rank). */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0
}

// Which `If-Modified-Since` Lull may send GitHub next. A Last-Modified from
// the future answers every later poll with 304 until that time comes, and
// so hides GitHub: it is kept only when it is no later than the answer's
// own Date and this computer's clock (give or take a little skew), else the
// answer's Date stands in for it, or nothing does. A validator is also
// dropped once it is an hour old, so one that is wrong in a way Lull cannot
// see costs at most an hour of a stream that looks quiet.

/** How far GitHub's clock may run ahead of this computer's before Lull stops trusting its times. */
export const clockSkewMs = 5 * 60_000
/** Ask without a validator at least this often. */
export const revalidateMs = 60 * 60_000

function timeOf(header: string | undefined): number | null {
  if (header === undefined) return null
  const at = Date.parse(header)
  return Number.isFinite(at) ? at : null
}

/** The validator to keep from an answer's headers, or undefined to keep none. */
export function trustedValidator(input: {
  lastModified: string | undefined
  date: string | undefined
  now: number
}): string | undefined {
  const lastModified = timeOf(input.lastModified)
  if (lastModified === null) return undefined
  const date = timeOf(input.date)
  const latest = input.now + clockSkewMs
  if (lastModified <= latest && (date === null || lastModified <= date)) return input.lastModified
  return date !== null && date <= latest ? input.date : undefined
}

/** Whether a validator received at `checkedAt` may still be sent at `now`; a clock set back past it drops it too. */
export function isValidatorFresh(checkedAt: number | undefined, now: number): boolean {
  return checkedAt !== undefined && checkedAt <= now + clockSkewMs && now - checkedAt < revalidateMs
}

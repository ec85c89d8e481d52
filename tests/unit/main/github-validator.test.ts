// Which If-Modified-Since the GitHub source sends back: never a time from
// the future, and none an hour after it was given.
import { describe, expect, it } from 'vitest'
import {
  clockSkewMs,
  isValidatorFresh,
  revalidateMs,
  trustedValidator,
} from '../../../src/main/sources/github/validator'

const now = Date.parse('2026-11-24T12:00:00Z')
const http = (ms: number) => new Date(ms).toUTCString()
const hour = 3_600_000

describe("the GitHub source's validator", () => {
  it('keeps a Last-Modified no later than the answer and this computer', () => {
    const lastModified = http(now - 60_000)
    expect(trustedValidator({ lastModified, date: http(now), now })).toBe(lastModified)
  })

  it("keeps the answer's Date instead of a Last-Modified after it", () => {
    expect(trustedValidator({ lastModified: http(now + 2 * hour), date: http(now), now })).toBe(http(now))
  })

  it('keeps nothing when GitHub’s whole clock runs two hours ahead', () => {
    const ahead = http(now + 2 * hour)
    expect(trustedValidator({ lastModified: ahead, date: ahead, now })).toBeUndefined()
  })

  it('keeps a Last-Modified a little ahead of this computer, within the skew allowed', () => {
    const lastModified = http(now + clockSkewMs - 1_000)
    expect(trustedValidator({ lastModified, date: lastModified, now })).toBe(lastModified)
  })

  it('keeps a Last-Modified no later than this computer when the answer has no Date', () => {
    const lastModified = http(now - 1_000)
    expect(trustedValidator({ lastModified, date: undefined, now })).toBe(lastModified)
  })

  it('keeps nothing without a Last-Modified that reads as a time', () => {
    expect(trustedValidator({ lastModified: 'yesterday-ish', date: http(now), now })).toBeUndefined()
  })

  it('is sent for an hour after it was given, then dropped once', () => {
    expect(isValidatorFresh(now, now + revalidateMs - 1)).toBe(true)
    expect(isValidatorFresh(now, now + revalidateMs)).toBe(false)
  })

  it('is dropped when this computer’s clock is set back before it was given', () => {
    expect(isValidatorFresh(now, now - 2 * hour)).toBe(false)
  })

  it('is not sent when the cursor does not say when it was given', () => {
    expect(isValidatorFresh(undefined, now)).toBe(false)
  })
})

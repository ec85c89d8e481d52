// An account's picture, fetched once by main when the account connects and
// handed to the page as a data: URL: the page never loads anything from
// another host (its CSP allows images from itself and data: only). Only a
// small PNG, JPEG, GIF or WebP is kept; anything else is left out quietly.
import type { Log } from './log'
import { type Fetch, readAtMost } from './net'

export const avatarByteLimit = 64 * 1024
const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

export async function fetchAvatar(fetch: Fetch, url: string, log: Log): Promise<string | null> {
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1'))
      return null
    const response = await fetch(parsed.href, { signal: AbortSignal.timeout(10_000) })
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
    if (!response.ok || !imageTypes.has(type)) return null
    const bytes = await readAtMost(response, avatarByteLimit)
    if (!bytes || bytes.length === 0) return null
    return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`
  } catch (error) {
    log.warn(
      'accounts',
      `the account's picture could not be fetched: ${error instanceof Error ? error.message : String(error)}`,
    )
    return null
  }
}

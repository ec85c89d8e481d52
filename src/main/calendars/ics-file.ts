// A local .ics file as a calendar: read again only when its size or
// modification time changed, and bounded like a feed.
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { checkCalendarText, maxCalendarBytes, tooLarge } from './feed-limits'
import type { FeedResult } from './ics-feed'

export type FileValidators = { size: number; modifiedAt: number }

export async function readCalendarFile(
  path: string,
  previous?: FileValidators,
): Promise<FeedResult & { fileValidators?: FileValidators }> {
  const name = `The calendar file ${basename(path)}`
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(path)
  } catch {
    return {
      kind: 'failed',
      problem: { kind: 'not-found', message: `${name} is gone. Pick the file again.` },
    }
  }
  const validators = { size: info.size, modifiedAt: info.mtimeMs }
  if (previous && previous.size === validators.size && previous.modifiedAt === validators.modifiedAt)
    return { kind: 'unchanged' }
  if (info.size > maxCalendarBytes) return { kind: 'failed', problem: tooLarge(name) }
  const text = await readFile(path, 'utf8')
  const problem = checkCalendarText(text, name)
  if (problem) return { kind: 'failed', problem }
  return { kind: 'fetched', text, validators: {}, fileValidators: validators }
}

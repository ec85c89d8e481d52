// How rows written by schema version 1 become version-2 rows (see schemaV1
// in schema.ts for the old shape). Each function edits a row in place, the
// way Dexie's modify() expects, and never throws: one odd old row must not
// stop the database from opening.

/** Settings rows that version 2 keeps in the meta table instead. */
export const v1SettingsKeysMovedToMeta = ['lastCheckInAt'] as const

const stringField = (row: Record<string, unknown>, name: string): string | undefined => {
  const value = row[name]
  return typeof value === 'string' ? value : undefined
}

export function upgradeItemV1(row: Record<string, unknown>): void {
  const id = stringField(row, 'id') ?? ''
  // An old item without a thread is a conversation of its own.
  row.threadKey = stringField(row, 'threadKey') ?? stringField(row, 'thread') ?? id
  // Email had no channel: its mailbox, the stream, is where it was said.
  row.container =
    stringField(row, 'container') ?? stringField(row, 'channel') ?? stringField(row, 'stream') ?? ''
  delete row.thread
  delete row.channel
}

export function upgradeAccountV1(row: Record<string, unknown>): void {
  if (!Array.isArray(row.streams)) {
    const watched = Array.isArray(row.watched) ? row.watched : []
    row.streams = watched
      .filter((stream): stream is string => typeof stream === 'string')
      .map((stream) => ({ id: stream, name: stream }))
  }
  delete row.watched
}

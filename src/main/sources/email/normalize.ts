// A mail message as Lull's item: the sender, the decoded subject, the text
// (the plain part, or the HTML part turned into text, never markup to
// render, or a calendar invitation's event), the thread it belongs to, and
// whether the person is among its recipients. Pure: the caller fetched and
// parsed the message; a message that could not be parsed or converted still
// becomes an item, with a note saying so.
import { createHash } from 'node:crypto'
import type { Email } from 'postal-mime'
import { cleanName, hasHiddenCharacters } from '../../../shared/display-text'
import { cutTo } from '../../../shared/fit-item'
import { factLimits, type ItemFacts } from '../../../shared/model'
import { describeEvent, readCalendarEvent } from './calendar'
import { htmlAsText } from './html-text'

/** The contract's bound on an item's text. */
export const textLimit = 20_000
/** The same words the host's fitting uses, so a cut reads the same whichever side made it. */
export const cutNote = '\n\n[Lull cut this message: the rest is in the source.]'
export const strippedNote =
  "\n\n[Lull shows this message's text without its layout: its HTML nests too deeply or holds too many elements to convert.]"
export const partsNote = (parts: number) =>
  `\n\n[Lull read only this message's first ${parts} parts: it has more attachments than Lull reads.]`
export const hiddenAddressNote =
  "[The sender's address contains hidden characters: it is not the address it looks like.]\n\n"
/** Said after a sender's name whose address hides characters, where the name is shown. */
const hiddenAddressMark = ' (address contains hidden characters)'
/** Calendars are a few kilobytes; past this one is not an invitation worth reading. */
const calendarByteLimit = 64 * 1024
const titleLimit = 1024
const externalIdLimit = 256

/**
 * windows-1252's characters for the bytes 0x80–0x9F (WHATWG Encoding), which
 * ISO-8859-1 leaves as C1 controls. Node's TextDecoder (and so postal-mime)
 * decodes windows-1252 as ISO-8859-1 (nodejs/node#56542), and mail labelled
 * ISO-8859-1 is windows-1252 in practice, as browsers read it: C1 controls
 * never appear in real text, so they are read as what the sender meant.
 */
const windows1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
]

export function withoutC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(windows1252[c.charCodeAt(0) - 0x80] ?? 0xfffd),
  )
}

/** What the server said about the message, besides its bytes. */
export type FetchedMessage = {
  uid: number
  internalDate?: Date | string
  threadId?: string
  /** The whole message's size, to tell whether the bytes read were all of it. */
  size?: number
  envelope?: {
    subject?: string
    messageId?: string
    date?: Date | string
    from?: Array<{ name?: string; address?: string }>
  }
}

export type MessageInput = {
  accountId: string
  mailbox: string
  message: FetchedMessage
  /** The parsed message, or null with `problem` when it could not be parsed. */
  parsed: Email | null
  problem?: string
  /** Only the start of the message was read: it is bigger than Lull reads. */
  isCut: boolean
  /** Set when only this many of the message's parts were parsed: it has more. */
  partsRead?: number
  /** The person's own addresses, lower case: a message to them waits on a reply. */
  ownAddresses: string[]
  webUrl?: (message: { threadId?: string }) => string | undefined
}

/** A Message-ID without its brackets and spaces; null when there is none worth keying on. */
export function normalizeMessageId(raw: string | undefined): string | null {
  if (!raw) return null
  const first = /<([^<>]+)>/.exec(raw)?.[1] ?? raw
  const id = first.replace(/\s+/g, '').trim()
  if (id.length < 3 || /[\p{Cc}]/u.test(id)) return null
  return id
}

function hashed(prefix: string, parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`
}

/**
 * The item's external id, the same whatever UID the server gives the message
 * (UIDs change when a mailbox's UIDVALIDITY does): its Message-ID, or a hash
 * of what identifies it when it has none.
 */
export function externalIdOf(input: {
  mailbox: string
  messageId: string | null
  date: number
  from: string
  subject: string
}): string {
  if (input.messageId) {
    return input.messageId.length <= externalIdLimit - 4 ? input.messageId : hashed('mid:', [input.messageId])
  }
  return hashed('h:', [input.mailbox, String(input.date), input.from, input.subject])
}

/** The first id of References (the thread's root), else In-Reply-To. */
function threadRoot(parsed: Email | null): string | null {
  const references = parsed?.references?.match(/<[^<>]+>/g) ?? []
  return normalizeMessageId(references[0]) ?? normalizeMessageId(parsed?.inReplyTo)
}

/** A header's first value, trimmed; undefined when absent, empty or longer than `limit`. */
function headerOf(parsed: Email | null, name: string, limit: number): string | undefined {
  const value = parsed?.headers?.find((header) => header.key === name)?.value.trim()
  return value && value.length <= limit && !/[\p{Cc}]/u.test(value) ? value : undefined
}

/** A normalised Message-ID that fits the facts' bound, or undefined. */
function factId(raw: string | undefined): string | undefined {
  const id = normalizeMessageId(raw)
  return id !== null && id.length <= factLimits.messageId ? id : undefined
}

/**
 * The headers that say which conversation a message belongs to: its
 * threading (Message-ID, In-Reply-To, References), its list, GitHub's own
 * (X-GitHub-Reason, X-GitHub-Sender) and the server's thread id (Gmail's
 * X-GM-THRID). Ids only; nothing of what the message says.
 */
export function factsOfMessage(parsed: Email | null, message: FetchedMessage): ItemFacts {
  const facts: ItemFacts = {}
  const messageId = factId(parsed?.messageId ?? message.envelope?.messageId)
  if (messageId) facts.messageId = messageId
  const inReplyTo = factId(parsed?.inReplyTo)
  if (inReplyTo) facts.inReplyTo = inReplyTo
  // The root is first and the parent last; a chain longer than Lull keeps loses its middle.
  const chain = (parsed?.references?.match(/<[^<>]+>/g) ?? []).flatMap((raw) => factId(raw) ?? [])
  const references =
    chain.length > factLimits.references
      ? [...chain.slice(0, factLimits.references - 1), ...chain.slice(-1)]
      : chain
  if (references.length > 0) facts.references = references
  const list = headerOf(parsed, 'list-id', 1024)
  const listId = (list ? (/<([^<>]+)>/.exec(list)?.[1] ?? list) : '').trim()
  if (listId && listId.length <= 256) facts.listId = listId
  const reason = headerOf(parsed, 'x-github-reason', 64)
  if (reason) facts.githubReason = reason
  const sender = headerOf(parsed, 'x-github-sender', 256)
  if (sender) facts.githubSender = sender
  const threadId = message.threadId?.trim()
  if (threadId && threadId.length <= 128) facts.mailThreadId = threadId
  return facts
}

function timeOf(value: Date | string | undefined): number | null {
  if (value === undefined) return null
  const at = value instanceof Date ? value.getTime() : Date.parse(value)
  return Number.isFinite(at) && at >= 0 ? Math.floor(at) : null
}

type Body = { text: string; notes: string[] }

/** The first calendar part's event, when the message is an invitation and nothing else. */
function calendarText(parsed: Email): string {
  const part = parsed.attachments.find((attachment) =>
    /^(text\/calendar|application\/ics)$/i.test(attachment.mimeType),
  )
  if (!part) return ''
  const content = part.content
  const bytes =
    typeof content === 'string'
      ? Buffer.from(content).subarray(0, calendarByteLimit)
      : new Uint8Array(content).subarray(0, calendarByteLimit)
  const event = readCalendarEvent(new TextDecoder('utf-8').decode(bytes))
  return event ? describeEvent({ ...(part.method ? { method: part.method } : {}), ...event }) : ''
}

/** The text of the message as a person reads it: the plain part, else the HTML part as text, else its invitation. */
function bodyOf(parsed: Email): Body {
  const notes: string[] = []
  let text = parsed.text?.trim() ? parsed.text : ''
  if (!text && parsed.html) {
    const converted = htmlAsText(parsed.html)
    text = converted.text
    if (converted.isStripped) notes.push(strippedNote)
  }
  if (!text.trim()) text = calendarText(parsed)
  return { text: withoutC1(text.replace(/\r\n?/g, '\n').trim()), notes }
}

function addressesOf(parsed: Email | null, field: 'to' | 'cc'): string[] {
  const list = parsed?.[field] ?? []
  return list.flatMap((entry) => (entry.group ? entry.group : [entry])).map((m) => m.address.toLowerCase())
}

export function messageToItem(input: MessageInput) {
  const { parsed, message } = input
  const fromParsed = parsed?.from && !parsed.from.group ? parsed.from : undefined
  const fromEnvelope = message.envelope?.from?.[0]
  const address = (fromParsed?.address || fromEnvelope?.address || '').trim()
  const name = cleanName(withoutC1((fromParsed?.name || fromEnvelope?.name || '').trim())).trim()
  // The address stays as it is (it is who sent it), and the item says what it hides.
  const isAddressHiding = hasHiddenCharacters(address)
  const subject = withoutC1((parsed?.subject ?? message.envelope?.subject ?? '').replace(/\s+/g, ' ').trim())
  const sentAt = timeOf(parsed?.date) ?? timeOf(message.envelope?.date) ?? timeOf(message.internalDate) ?? 0
  const messageId = normalizeMessageId(parsed?.messageId ?? message.envelope?.messageId)
  const externalId = externalIdOf({ mailbox: input.mailbox, messageId, date: sentAt, from: address, subject })

  let text: string
  if (parsed) {
    const body = bodyOf(parsed)
    const notes = [
      ...body.notes,
      ...(input.partsRead !== undefined ? [partsNote(input.partsRead)] : []),
    ].join('')
    const lead = isAddressHiding ? hiddenAddressNote : ''
    const isCut = input.isCut || lead.length + body.text.length + notes.length > textLimit
    text = isCut
      ? `${lead}${cutTo(body.text, textLimit - lead.length - notes.length - cutNote.length, '')}${notes}${cutNote}`
      : `${lead}${body.text}${notes}`
  } else {
    text = `${isAddressHiding ? hiddenAddressNote : ''}Lull could not read this message's body (${input.problem ?? 'it is not valid MIME'}); open it in your mail app to see it.`
  }

  const threadId = message.threadId?.trim() || undefined
  const root = threadId ?? threadRoot(parsed) ?? messageId ?? externalId
  const own = new Set(input.ownAddresses)
  const url = input.webUrl?.({ threadId })
  return {
    id: `${input.accountId}:${externalId}`,
    accountId: input.accountId,
    source: 'email' as const,
    stream: input.mailbox,
    externalId,
    threadKey: `email:${root}`.slice(0, 512),
    container: input.mailbox.slice(0, 256),
    author: {
      id: address.slice(0, 256),
      name: isAddressHiding
        ? `${cutTo(name || cleanName(address) || 'Unknown sender', 256 - hiddenAddressMark.length, '')}${hiddenAddressMark}`
        : (name || address || 'Unknown sender').slice(0, 256),
    },
    title: cutTo(subject || '(no subject)', titleLimit),
    text,
    ...(url ? { url } : {}),
    sentAt,
    needsReply: addressesOf(parsed, 'to').some((to) => own.has(to)),
    email: { from: address.slice(0, 320) },
    facts: factsOfMessage(parsed, message),
  }
}

export type EmailItem = ReturnType<typeof messageToItem>

// What a source hands the conformance suite: how to make the source, how to
// make its server hold a message, and how to make that server misbehave.
// One adapter per source (Slack against its emulator, GitHub against its
// emulator, IMAP against a real mail server); the suite never learns which.
import type { SourceFactory } from '../../src/main/sources/source'
import type { CallRequest, FocusStatus } from '../../src/shared/contract'
import type { AccountKind, SourceItem } from '../../src/shared/model'

export type FaultKind = 'drop' | 'timeout' | '5xx' | 'malformed' | '429'

export type Fault = {
  /**
   * Which page of the pulls that follow fails: 0 is the next page asked
   * for, 1 the one after it. A page is one `pull` of the source.
   */
  page?: number
  /**
   * drop: the connection closes mid-answer; timeout: no answer at all (the
   * source's own deadline must end it quickly); 5xx: a server error;
   * malformed: a body that does not parse; 429: too many requests.
   */
  kind: FaultKind
  /** With 429: the Retry-After the server sends. */
  retryAfterSeconds?: number
}

/**
 * A message as a person says it. The item the source makes of it carries
 * `text` (a unique token the suite looks for) in its title or its text.
 */
export type SaidMessage = { text: string } & Partial<Pick<SourceItem, 'title' | 'author' | 'needsReply'>>

/** The suite's clock: the source and its server must read time from it (Retry-After, message times). */
export type SuiteClock = { now(): number }

type Maybe<T> = T | Promise<T>

export type ConformanceAdapter = {
  kind: AccountKind
  /** What a person would give to connect the account. */
  credentials: CallRequest<'account:connect'>['credentials']
  /** The source, as the app registers it, pointed at this adapter's server. */
  factory: SourceFactory
  /** At least two streams the server holds, each listed by the source. */
  streams: [string, string, ...string[]]
  say(stream: string, message: SaidMessage): Maybe<void>
  /** A message of about 1 MB whose text starts with `token`. */
  sayHuge(stream: string, token: string): Maybe<void>
  /** A message whose text the person typed as `text`, markup included, carried as the server carries it. */
  sayMarkup(stream: string, text: string): Maybe<void>
  failNext(fault: Fault): void
  /** The server stops accepting the credentials given at connect. */
  revokeCredentials(): void
  /** Requests the server has received so far, refused ones included. */
  requestCount(): number
  /** Present when the source can push (`watch`). */
  watch?: {
    /** End the server's side of every open watch on the stream, as a dropped socket would. */
    drop(stream: string): void
  }
  /** Present when the source writes "done" and "read" back: the external ids the server got, in order. */
  writes?: { done(): string[]; read(): string[] }
  /** Present when the source reads and sets the person's status. */
  focusStatus?: {
    read(): FocusStatus
    /** Change the status at the server, as the person would in the source's own app. */
    setAsPerson(status: FocusStatus): void
  }
  /**
   * Present when the source speaks HTTP: the origin (scheme, host, port) its
   * credentials belong to. The suite checks no credentials go anywhere else.
   */
  credentialOrigin?: string
  /**
   * Present when an answer can name a link the source might follow with its
   * credentials (GitHub's latest comment URL): say a message whose answer
   * points that link at `url`, on another server.
   */
  sayWithLinkTo?(stream: string, message: SaidMessage, url: string): Maybe<void>
  /** Stop the server; called after each test. */
  stop?(): Maybe<void>
}

/** Makes a fresh adapter (a fresh server) for one test. */
export type MakeAdapter = (clock: SuiteClock) => Maybe<ConformanceAdapter>

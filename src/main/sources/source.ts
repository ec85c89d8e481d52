// The one interface every source in main implements (Slack, GitHub, IMAP,
// the sample workspace). Sources translate; they do not decide: what is
// urgent or when to deliver is the renderer's policy.
import type { FocusStatus, RequestResult } from '../../shared/contract'
import type { AccountKind, AccountStream } from '../../shared/model'
import type { Credentials } from '../vault'

export type PullResult = {
  /** Raw normalised items; the host validates each against the contract before it leaves main. */
  items: unknown[]
  cursor: string | null
  pollAfterMs?: number
  /** More waits behind `cursor`; a page holds at most the contract's `pullPageLimit` items. */
  hasMore?: boolean
  /**
   * Set when the source answered "nothing new" (GitHub's 304): since when
   * (epoch ms, this computer's clock) it has answered only that, i.e. when
   * it last gave a full answer. A long run is worth showing.
   */
  notModifiedSince?: number
}

export interface Source {
  /**
   * Who the account is; `avatarUrl` is a picture of them the host may fetch
   * and show (GitHub's avatar); `githubHost` is a GitHub account's web host,
   * whose links and mail are this person's GitHub conversations.
   */
  verify(): Promise<{ identity: string; avatarUrl?: string; githubHost?: string }>
  /** What the account offers; `isPicked: false` marks a stream offered but not pulled until the person picks it. */
  listStreams(): Promise<AccountStream[]>
  /** Idempotent: the same cursor gives the same items. At most `pullPageLimit` items a page; bounded work. */
  pull(stream: string, cursor: string | null): Promise<PullResult>
  /**
   * Push: watch one stream. `onChange` when it may hold something new (the
   * platform then pulls it), `onDown` when the watch ended by itself. Answers
   * a function that closes the watch. Reconnecting is the platform's job.
   */
  watch?(stream: string, handlers: WatchHandlers): Promise<() => void>
  markDone?(externalId: string): Promise<void>
  markRead?(externalId: string): Promise<void>
  /** Slack: post the reply to a held DM as the person; see the 'slack:reply-post' call. */
  postReply?(reply: {
    channel: string
    text: string
    replyId: string
    queuedAt: number
    mayHaveBeenSent: boolean
  }): Promise<{ postedAt: number; ts: string; isRepeat: boolean }>
  /** Slack: take back a reply Lull posted (its message ts). */
  deleteReply?(channel: string, ts: string): Promise<void>
  /** Slack: whether the token may post as the person, and if not what to do. */
  checkReplyScope?(): Promise<{ canPost: boolean; note: string | null }>
  /** The person's status now, so the platform can restore it after focus. */
  readFocusStatus?(): Promise<FocusStatus>
  writeFocusStatus?(status: FocusStatus): Promise<void>
  /** Let go of what the source keeps open between calls (a signed-in connection); the account is removed or disconnected. */
  close?(): Promise<void>
}

export type WatchHandlers = {
  onChange(): void
  onDown(reason: string): void
  /** Something about the open watch worth telling the person (a server slow to push), or null once it no longer holds. */
  onNote?(note: string | null): void
}

export type AccountRef = { id: string; kind: AccountKind }

/**
 * What the platform gives each source: a fetch that goes through the app's
 * network stack (system proxy and certificates) and counts every request in
 * the ledger, and the ledger itself for clients that do not use fetch.
 */
export type SourceContext = {
  fetch: typeof globalThis.fetch
  record(method: string, result: RequestResult): void
}

/** Builds the source for an account; credentials come from the vault (null for the sample workspace). */
export type SourceFactory = (
  account: AccountRef,
  credentials: Credentials | null,
  context?: SourceContext,
) => Source

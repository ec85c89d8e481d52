// The one interface every source in main implements (Slack, GitHub, IMAP,
// the sample workspace). Sources translate; they do not decide: what is
// urgent or when to deliver is the renderer's policy.
import type { AccountKind } from '../../shared/model'
import type { Credentials } from '../vault'

export type PullResult = {
  /** Raw normalised items; the host validates each against the contract before it leaves main. */
  items: unknown[]
  cursor: string | null
  pollAfterMs?: number
  /** More waits behind `cursor`; a page holds at most the contract's `pullPageLimit` items. */
  hasMore?: boolean
}

export interface Source {
  verify(): Promise<{ identity: string }>
  listStreams(): Promise<Array<{ id: string; name: string }>>
  /** Idempotent: the same cursor gives the same items. At most `pullPageLimit` items a page; bounded work. */
  pull(stream: string, cursor: string | null): Promise<PullResult>
  markDone?(externalId: string): Promise<void>
  setFocusStatus?(until: number | null, message: string): Promise<void>
  clearFocusStatus?(): Promise<void>
}

export type AccountRef = { id: string; kind: AccountKind }

/** Builds the source for an account; credentials come from the vault (null for the sample workspace). */
export type SourceFactory = (account: AccountRef, credentials: Credentials | null) => Source

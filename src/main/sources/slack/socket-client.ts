// The Socket Mode client with Lull's reading of each frame in front of it.
// @slack/socket-mode 3.1.0 reads `payload.event.type` of every events_api
// envelope before it hands the envelope on: one without a payload, or
// Slack's app_rate_limited notice (a payload with no event), throws inside
// its message handler, which nobody awaits. That is an unhandled rejection
// in main, and the envelope is never acknowledged, so Slack sends it again.
// Upstream fixes app_rate_limited in 3.1.1 and more in 3.2.0, but the
// registry Lull installs from offers nothing past 3.1.0; the guard stays
// after an update too. Every frame is validated first: an envelope without
// an event is handed to the library as an envelope of its own kind, which
// it acknowledges without reading an event, and nothing the library throws
// on a frame escapes.
import { SocketModeClient, type SocketModeOptions } from '@slack/socket-mode'
import { z } from 'zod'

/** The kind an envelope without an event is handed on as; the hub acknowledges it and reads nothing. */
export const eventlessEnvelope = 'lull_eventless_envelope'

const EventsApi = z.object({
  type: z.literal('events_api'),
  envelope_id: z.string().min(1).max(256).optional(),
  payload: z.unknown().optional(),
})
/** What the library reads of an events_api payload without looking first. */
const WithEvent = z.object({ event: z.object({ type: z.string() }) })
const PayloadType = z.object({ type: z.string().max(64) })
const Disconnect = z.object({ type: z.literal('disconnect'), reason: z.string().max(256).optional() })

export type FrameHooks = {
  /** An events_api envelope that carries no event: `payloadType` says what it is instead, if anything. */
  onEventless(envelope: { envelopeId: string | null; payloadType: string | null }): void
  /** Slack says it will close the connection, and why ("refresh_requested", "link_disabled", …). */
  onDisconnectNotice(reason: string): void
  /** The library failed on a frame; the frame is lost, the connection is not. */
  onFault(error: unknown): void
}

type Frame =
  | { kind: 'other' }
  | { kind: 'eventless'; envelopeId: string | null; payloadType: string | null }
  | { kind: 'disconnect'; reason: string }

export function readFrame(text: string): Frame {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // The library ignores a frame that is not JSON, as Slack asks.
    return { kind: 'other' }
  }
  const disconnect = Disconnect.safeParse(json)
  if (disconnect.success) return { kind: 'disconnect', reason: disconnect.data.reason ?? 'unknown' }
  const envelope = EventsApi.safeParse(json)
  if (!envelope.success || WithEvent.safeParse(envelope.data.payload).success) return { kind: 'other' }
  const payloadType = PayloadType.safeParse(envelope.data.payload)
  return {
    kind: 'eventless',
    envelopeId: envelope.data.envelope_id ?? null,
    payloadType: payloadType.success ? payloadType.data.type : null,
  }
}

export class GuardedSocketModeClient extends SocketModeClient {
  private readonly hooks: FrameHooks

  constructor(options: SocketModeOptions, hooks: FrameHooks) {
    super(options)
    this.hooks = hooks
  }

  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    try {
      if (isBinary) return await super.onWebSocketMessage(data, isBinary)
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data)
      const frame = readFrame(text)
      if (frame.kind === 'disconnect') this.hooks.onDisconnectNotice(frame.reason)
      if (frame.kind !== 'eventless') return await super.onWebSocketMessage(data, isBinary)
      this.hooks.onEventless(frame)
      // Without an envelope id there is nothing to acknowledge.
      if (frame.envelopeId === null) return
      await super.onWebSocketMessage(
        JSON.stringify({ envelope_id: frame.envelopeId, type: eventlessEnvelope }),
        false,
      )
    } catch (error) {
      this.hooks.onFault(error)
    }
  }
}

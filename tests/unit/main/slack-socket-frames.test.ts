// Which Socket Mode frames Lull keeps from @slack/socket-mode's own reading:
// an events_api envelope without an event object (the library would throw
// on it and never acknowledge it), whatever stands in its place.
import { describe, expect, it } from 'vitest'
import { readFrame } from '../../../src/main/sources/slack/socket-client'

const envelope = (rest: Record<string, unknown>) =>
  JSON.stringify({ envelope_id: 'e1', type: 'events_api', accepts_response_payload: false, ...rest })

describe('a Socket Mode frame as Lull reads it first', () => {
  it('takes an events_api envelope without an event object as eventless, naming its payload type', () => {
    const eventless = (payloadType: string | null) => ({ kind: 'eventless', envelopeId: 'e1', payloadType })
    expect(readFrame(envelope({}))).toEqual(eventless(null))
    expect(readFrame(envelope({ payload: null }))).toEqual(eventless(null))
    expect(readFrame(envelope({ payload: 'junk' }))).toEqual(eventless(null))
    expect(readFrame(envelope({ payload: { type: 'event_callback', event: null } }))).toEqual(
      eventless('event_callback'),
    )
    expect(readFrame(envelope({ payload: { type: 'app_rate_limited', minute_rate_limited: 1 } }))).toEqual(
      eventless('app_rate_limited'),
    )
  })

  it('leaves envelopes with an event, hello, and frames that are not JSON to the library', () => {
    expect(readFrame(envelope({ payload: { event: { type: 'message' } } }))).toEqual({ kind: 'other' })
    expect(readFrame(JSON.stringify({ type: 'hello' }))).toEqual({ kind: 'other' })
    expect(readFrame('{"type": "events_api", "payl')).toEqual({ kind: 'other' })
  })

  it('reads the reason Slack gives before it disconnects', () => {
    expect(readFrame(JSON.stringify({ type: 'disconnect', reason: 'link_disabled' }))).toEqual({
      kind: 'disconnect',
      reason: 'link_disabled',
    })
  })
})

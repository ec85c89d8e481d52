import { describe, expect, it } from 'vitest'
import { mergeStreams } from '../../../../src/renderer/engine/accounts'

describe('streams listed again', () => {
  it("keep the person's pick for a stream they had, whatever the source suggests", () => {
    const known = [
      { id: 'C1', name: '#general', isPicked: true },
      { id: 'C2', name: '#random', isPicked: false },
    ]
    const listed = [
      { id: 'C1', name: '#general', isPicked: false },
      { id: 'C2', name: '#random', isPicked: false },
    ]
    expect(mergeStreams(known, listed)).toEqual(known)
  })

  it("offer a new stream with the source's suggestion, and follow a rename", () => {
    const known = [{ id: 'C1', name: '#general', isPicked: true }]
    const listed = [
      { id: 'C1', name: '#general-chat', isPicked: false },
      { id: 'D9', name: '@new-colleague', isPicked: true },
    ]
    expect(mergeStreams(known, listed)).toEqual([
      { id: 'C1', name: '#general-chat', isPicked: true },
      { id: 'D9', name: '@new-colleague', isPicked: true },
    ])
  })

  it('drop a stream the source no longer lists (a channel left)', () => {
    const known = [
      { id: 'C1', name: '#general' },
      { id: 'C2', name: '#old-project', isPicked: true },
    ]
    expect(mergeStreams(known, [{ id: 'C1', name: '#general' }])).toEqual([{ id: 'C1', name: '#general' }])
  })
})

// A notification keeps its subject's API URL only when it lies under the
// account's own API: an answer naming another host cannot claim a conversation there.
import { describe, expect, it } from 'vitest'
import { ThreadPayload, threadToItem } from '../../../src/main/sources/github/normalize'
import { notificationThread, placeOf } from '../shared/conversation-samples'

const ref = { host: 'ghe.acme.test', owner: 'acme', repo: 'api', number: 7 }

function itemWithSubject(url: string | null) {
  const listed = notificationThread(ref, 'Issue')
  const thread = ThreadPayload.parse({ ...listed, subject: { ...listed.subject, url } })
  return threadToItem({
    thread,
    comment: null,
    accountId: 'github-1',
    stream: 'notifications',
    place: placeOf(ref.host),
  })
}

describe("a notification's subject URL", () => {
  it("is kept under the account's API", () => {
    expect(itemWithSubject('https://ghe.acme.test/api/v3/repos/acme/api/issues/7').facts).toEqual({
      subjectUrl: 'https://ghe.acme.test/api/v3/repos/acme/api/issues/7',
    })
  })

  it('is not kept on another host, outside the API, or when GitHub gives none', () => {
    for (const url of [
      'https://api.github.com/repos/acme/api/issues/7',
      'https://ghe.acme.test/repos/acme/api/issues/7',
      'https://ghe.acme.test.evil.test/api/v3/repos/acme/api/issues/7',
      null,
    ])
      expect(itemWithSubject(url).facts).toEqual({})
  })
})

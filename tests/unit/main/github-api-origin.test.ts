// Which links GitHub hands Lull may be fetched with the account's token:
// only those under the account's own API (scheme, host, port and path).
import { describe, expect, it } from 'vitest'
import { githubCom, githubPlace, isUnderApi } from '../../../src/main/sources/github/base-url'

const enterprise = githubPlace('https://ghe.example.com')

describe("a link under the account's API", () => {
  it("is github.com's API for a github.com account", () => {
    expect(isUnderApi('https://api.github.com/repos/acme/api/issues/comments/1', githubCom)).toBe(true)
  })

  it.each([
    ['plain http', 'http://api.github.com/repos/acme/api/issues/comments/1'],
    ['another port', 'https://api.github.com:8443/repos/acme/api/issues/comments/1'],
    ['a host that only starts alike', 'https://api.github.com.example.net/repos/acme/api/issues/comments/1'],
    [
      'the API host as a user name before another host',
      'https://api.github.com@example.net/repos/acme/api/issues/comments/1',
    ],
    ['not a URL', 'api.github.com/repos/acme/api/issues/comments/1'],
  ])('is not one with %s', (_what, url) => {
    expect(isUnderApi(url, githubCom)).toBe(false)
  })

  it("is under /api/v3 on a GitHub Enterprise Server's own host", () => {
    expect(isUnderApi('https://ghe.example.com/api/v3/repos/acme/api/issues/comments/1', enterprise)).toBe(
      true,
    )
  })

  it('is not a page of that server outside its API', () => {
    expect(isUnderApi('https://ghe.example.com/acme/api/issues/comments/1', enterprise)).toBe(false)
  })
})

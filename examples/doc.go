// Package examples is a small ISC client, the kind of code mockisc is for,
// and its tests written the way a user of mockisc would write them: one
// with mockisc.New and the direct Go API, one with scenario files run by
// fixtures.Run, and Example functions. Example_golangSDK shows the
// configuration a user of SailPoint's golang-sdk writes to test against
// the fake, without importing the SDK.
//
// The client lists every account (paging, and waiting out 429 answers as
// their Retry-After header says), disables an account and moves an
// account to another identity. It uses plain net/http and knows nothing
// of mockisc: give it an *http.Client that sends ISC tokens.
package examples

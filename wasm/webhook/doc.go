// Package webhook decides everything about the start-call and end-call
// webhooks that agentshim posts from the page (vendor doc
// video-call-backend-admin-de.txt, "Webhooks"): it checks the `webhooks`
// start option (URLs, and the extra headers written one "Name: value" per
// line as in the vendor's admin screen), says when a contact event calls for
// a webhook, builds the payload {callid, start, end, callflow, userid,
// username}, and runs the outbox policy: which deliveries go now, and what
// to do after each answer (exponential backoff with jitter, wait for the
// network, give up on a refusal).
//
// Posting, storage (localStorage) and timers stay in js-bridge/video.js;
// every decision is here, pure Go, tested natively. Like the rest of the
// WebAssembly core it imports no fmt, encoding/json, reflect or time.
package webhook

// Error is a wrong `webhooks` option: Field names the place
// ("webhooks.start.headers[2]"), Msg what to change. Messages never repeat a
// header's value, which is often a secret token.
type Error struct {
	Field string
	Msg   string
}

func (e *Error) Error() string { return e.Field + ": " + e.Msg }

func bad(field, msg string) *Error { return &Error{Field: field, Msg: msg} }

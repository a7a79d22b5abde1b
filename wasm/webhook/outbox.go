package webhook

import (
	"hash/fnv"
	"strconv"
)

// Backoff limits. The first retry comes after about a second, then the wait
// doubles up to five minutes; a delivery that has failed for a week is
// dropped (the receiver is gone, and the outbox must not grow for ever).
const (
	BaseDelay = 1000           // ms
	MaxDelay  = 5 * 60 * 1000  // ms
	MaxAge    = 7 * 86_400_000 // ms
)

// Outcome is what to do with a delivery after a post.
type Outcome uint8

const (
	Done       Outcome = iota // the receiver has it: remove it
	Retry                     // post again after the delay
	WaitOnline                // offline: post again when the browser is back online
	GiveUp                    // the receiver refused it, or it is too old: drop it and report
)

func (o Outcome) String() string { return [...]string{"done", "retry", "waitOnline", "giveUp"}[o] }

// Result is the answer to one post. Status is the HTTP status, 0 when the
// request failed (network down, CORS refused, aborted).
type Result struct {
	Key      string
	Attempts int   // posts so far, this one included
	Status   int   // HTTP status; 0: no answer
	Online   bool  // navigator.onLine after the failure
	Age      int64 // ms since the delivery was queued
}

// After decides what follows a post and, for Retry and WaitOnline, how long
// to wait (WaitOnline: a fallback in case the online event never comes).
// Timeouts, rate limits and server errors are retried: delivery is at least
// once, and the idempotency key lets the receiver drop the repeats. Any
// other 4xx means the receiver will never take this body, so it is dropped.
func After(r Result) (Outcome, int64, string) {
	switch {
	case r.Status >= 200 && r.Status < 300:
		return Done, 0, ""
	case !retryable(r.Status):
		return GiveUp, 0, "the receiver refused it with HTTP " + strconv.Itoa(r.Status) + "; it will not be sent again"
	case r.Age > MaxAge:
		return GiveUp, 0, "it failed for more than 7 days; it was dropped"
	case r.Status == 0 && !r.Online:
		return WaitOnline, MaxDelay, ""
	}
	return Retry, Backoff(r.Key, r.Attempts), ""
}

func retryable(status int) bool {
	return status == 0 || status == 408 || status == 425 || status == 429 || status >= 500 && status < 600
}

// Backoff is the wait before post number attempts+1: BaseDelay doubled per
// failed attempt, at most MaxDelay, scaled by a jitter between 1/2 and 1
// drawn from the key and attempt, so that many pages whose receiver comes
// back do not all retry in the same second, yet a test sees the same
// numbers every run.
func Backoff(key string, attempts int) int64 {
	d := int64(BaseDelay)
	for i := 1; i < attempts && d < MaxDelay; i++ {
		d *= 2
	}
	d = min(d, MaxDelay)
	h := fnv.New32a()
	h.Write([]byte(key))
	h.Write([]byte{byte(attempts)})
	return d/2 + d/2*int64(h.Sum32()%1024)/1023
}

// Pending is what Plan needs of one outbox entry, oldest first.
type Pending struct {
	CallID   string
	NextAt   int64 // Unix ms before which it must not be posted
	InFlight bool  // a post is under way
	Waiting  bool  // waits for the online event
}

// Plan says which entries to post now (their indexes) and how long until the
// next one is due (-1: nothing to wait for). A call's deliveries go in
// order: its end-call waits until its start-call is through, so the
// receiver never sees the end before the start. Other calls do not wait
// for each other, so one failing endpoint cannot hold up the rest.
//
// flushAll (the page is being hidden) posts every entry not in flight at
// once, order or not: the page may be gone before a start-call's answer
// comes, and the receiver lets a late start-call fill only what the
// end-call left unknown.
func Plan(entries []Pending, now int64, flushAll bool) (send []int, wait int64) {
	wait = -1
	for i, e := range entries {
		if e.InFlight {
			continue
		}
		if flushAll {
			send = append(send, i)
			continue
		}
		if blocked(entries[:i], e.CallID) {
			continue
		}
		if e.NextAt <= now && !e.Waiting {
			send = append(send, i)
			continue
		}
		if !e.Waiting && (wait < 0 || e.NextAt-now < wait) {
			wait = e.NextAt - now
		}
	}
	return send, wait
}

func blocked(earlier []Pending, callID string) bool {
	for _, e := range earlier {
		if e.CallID == callID {
			return true
		}
	}
	return false
}

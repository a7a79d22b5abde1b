// Package webhook receives the video-call backend's start-call and end-call
// webhooks (vendor doc: video-call-backend-admin-de.txt, "Webhooks") and
// stores the calls idempotently.
//
// The payload is {callid, start, end, callflow, userid, username}, as JSON or
// as a form (the vendor says "posted" and names no type). Answers:
//
//	200 {"ok":true,"duplicate":false}   stored or updated
//	200 {"ok":true,"duplicate":true}    a retry: nothing changed
//	4xx {"error":{"code","message"}}   the request is wrong; do not retry as is
//	500 {"error":{...}}                 our fault; a retry may succeed
package webhook

import (
	"errors"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/jsonapi"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// MaxBody bounds a webhook body; the real ones are a few hundred bytes.
const MaxBody = 64 << 10

// Receiver handles both webhooks.
type Receiver struct {
	Store store.Store
	Now   func() time.Time // when a delivery arrived; time.Now in production
	Log   *log.Logger
}

// Handler returns the endpoint for one webhook.
func (rc *Receiver) Handler(event store.Event) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.serve(w, r, event)
	})
}

type answer struct {
	OK        bool `json:"ok"`
	Duplicate bool `json:"duplicate"`
}

func (rc *Receiver) serve(w http.ResponseWriter, r *http.Request, event store.Event) {
	if !jsonapi.AllowMethods(w, r, http.MethodPost) {
		return
	}
	key, err := idempotencyKey(r.Header.Get("Idempotency-Key"))
	if err != nil {
		fail(w, err)
		return
	}
	body, ok := jsonapi.ReadBody(w, r, MaxBody)
	if !ok {
		return
	}
	call, err := decode(jsonapi.MediaType(r), body)
	if err != nil {
		fail(w, err)
		return
	}
	dup, err := rc.Store.RecordCall(r.Context(), store.Delivery{
		Event: event, Call: call, IdempotencyKey: key, ReceivedAt: rc.Now(),
	})
	if err != nil {
		rc.Log.Printf("webhook %s for call %s: %v", event, call.ID, err)
		jsonapi.Error(w, http.StatusInternalServerError, jsonapi.CodeInternal, "the call could not be stored; retry later")
		return
	}
	jsonapi.Write(w, http.StatusOK, answer{OK: true, Duplicate: dup})
}

// decode picks the parser by media type. Without a Content-Type the first
// byte decides: a JSON object starts with '{', a form never does.
func decode(mediaType string, body []byte) (store.Call, error) {
	var (
		p   rawPayload
		err error
	)
	switch {
	case mediaType == "application/json" || strings.HasSuffix(mediaType, "+json"):
		p, err = parseJSON(body)
	case mediaType == "application/x-www-form-urlencoded":
		p, err = parseForm(body)
	case mediaType == "" && firstNonSpace(body) == '{':
		p, err = parseJSON(body)
	case mediaType == "":
		p, err = parseForm(body)
	default:
		return store.Call{}, &fieldError{code: jsonapi.CodeUnsupportedType,
			msg: "send application/json or application/x-www-form-urlencoded"}
	}
	if err != nil {
		return store.Call{}, err
	}
	return p.toCall()
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
	}
	return 0
}

func fail(w http.ResponseWriter, err error) {
	var fe *fieldError
	if !errors.As(err, &fe) {
		jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeBadRequest, "bad request")
		return
	}
	status := http.StatusBadRequest
	if fe.code == jsonapi.CodeUnsupportedType {
		status = http.StatusUnsupportedMediaType
	}
	jsonapi.Error(w, status, fe.code, fe.msg)
}

// Package sse replays the telemarketing events of a recorded trace as
// server-sent events, for the demo and for tests of clients:
//
//	GET /api/telemarketing/events?trace=<name>      (testdata/traces/<name>.json)
//
// Each telemarketing event of the trace becomes one SSE message:
//
//	id: <index of the event in the trace's "events" array>
//	event: <the eventName>
//	data: <the payload, compact JSON on one line>
//
// A reconnecting EventSource sends Last-Event-ID; the replay then resumes
// after that index. Messages follow each other at a fixed pace. After the
// last one the stream stays open, sending keep-alive comments, until the
// client goes away or the server shuts down, so an EventSource does not
// reconnect and replay in a loop.
package sse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/jsonapi"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/trace"
)

// Replayer serves the endpoint.
type Replayer struct {
	Dir       string        // the traces directory
	Interval  time.Duration // pause between two messages
	KeepAlive time.Duration // pause between keep-alive comments once idle
	Log       *log.Logger
	// Shutdown, when closed, ends every stream: http.Server.Shutdown waits
	// for handlers, and a stream would otherwise never return.
	Shutdown <-chan struct{}
}

// namePattern admits trace names only: no dots, slashes or anything else a
// path could be built from.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$`)

// maxTrace bounds the file read per request; recorded traces are a few KiB.
const maxTrace = 8 << 20

// writeTimeout bounds one write, so a client that stops reading does not
// hold the handler forever.
const writeTimeout = 10 * time.Second

// message is one SSE message, ready to send.
type message struct {
	id          int
	event, data string
}

func (p *Replayer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !jsonapi.AllowMethods(w, r, http.MethodGet) {
		return
	}
	name := r.URL.Query().Get("trace")
	if !namePattern.MatchString(name) {
		jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidField,
			"trace must be a trace name such as telemarketing-campaign (letters, digits, - and _)")
		return
	}
	after, err := lastEventID(r.Header.Get("Last-Event-ID"))
	if err != nil {
		jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidField, "Last-Event-ID must be an id this stream sent")
		return
	}
	msgs, status, err := p.load(name)
	if err != nil {
		if status == http.StatusNotFound {
			jsonapi.Error(w, status, jsonapi.CodeNotFound, "there is no trace by that name")
			return
		}
		p.Log.Printf("sse: trace %s: %v", name, err)
		jsonapi.Error(w, http.StatusInternalServerError, jsonapi.CodeInternal, "the trace cannot be replayed; see the server log")
		return
	}
	p.stream(w, r.Context(), resumeAfter(msgs, after))
}

// lastEventID parses the header; -1 means "from the start".
func lastEventID(h string) (int, error) {
	h = strings.TrimSpace(h)
	if h == "" {
		return -1, nil
	}
	n, err := strconv.Atoi(h)
	if err != nil || n < 0 {
		return 0, errors.New("bad Last-Event-ID")
	}
	return n, nil
}

func resumeAfter(msgs []message, after int) []message {
	for i, m := range msgs {
		if m.id > after {
			return msgs[i:]
		}
	}
	return nil
}

// load reads the trace and keeps its telemarketing events. The directory is
// opened as an os.Root, a second guard after the name check.
func (p *Replayer) load(name string) ([]message, int, error) {
	root, err := os.OpenRoot(p.Dir)
	if err != nil {
		return nil, http.StatusNotFound, err
	}
	defer root.Close()
	f, err := root.Open(name + ".json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, http.StatusNotFound, err
	} else if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	defer f.Close()
	doc, err := io.ReadAll(io.LimitReader(f, maxTrace+1))
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	if len(doc) > maxTrace {
		return nil, http.StatusInternalServerError, fmt.Errorf("larger than %d bytes", maxTrace)
	}
	t, err := trace.Parse(doc)
	if err != nil {
		return nil, http.StatusInternalServerError, err
	}
	var msgs []message
	for i, e := range t.Events {
		if e.Vendor != machine.VendorTelemarketing {
			continue
		}
		// A line break would end the SSE field early; the payload is
		// compact JSON, where it cannot occur.
		if strings.ContainsAny(e.Name, "\r\n") {
			return nil, http.StatusInternalServerError, fmt.Errorf("events[%d]: the name has a line break", i)
		}
		msgs = append(msgs, message{id: i, event: e.Name, data: string(e.Payload)})
	}
	return msgs, http.StatusOK, nil
}

// stream sends msgs at the configured pace, then keep-alives, until ctx ends
// (the client left, or the server is shutting down) or a write fails.
func (p *Replayer) stream(w http.ResponseWriter, ctx context.Context, msgs []message) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Accel-Buffering", "no") // keep reverse proxies from holding messages back
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(s string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout)) // unsupported by some writers: then no deadline
		if _, err := io.WriteString(w, s); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	greeting := "retry: 2000\n\n"
	if len(msgs) == 0 {
		greeting += ": replay complete\n\n" // resumed after the last event, or none to send
	}
	if !send(greeting) {
		return
	}
	keepAlive := time.NewTicker(p.KeepAlive)
	defer keepAlive.Stop()
	pace := time.NewTimer(0)
	defer pace.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.Shutdown:
			return
		case <-keepAlive.C:
			if !send(": keep-alive\n\n") {
				return
			}
		case <-pace.C:
			if len(msgs) == 0 {
				continue
			}
			m := msgs[0]
			msgs = msgs[1:]
			text := "id: " + strconv.Itoa(m.id) + "\nevent: " + m.event + "\ndata: " + m.data + "\n\n"
			if len(msgs) == 0 {
				text += ": replay complete\n\n"
			} else {
				pace.Reset(p.Interval)
			}
			if !send(text) {
				return
			}
		}
	}
}

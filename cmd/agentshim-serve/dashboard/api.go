package dashboard

import (
	"encoding/json"
	"log"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/jsonapi"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
)

// API serves GET /api/dashboard and POST /api/heartbeat.
type API struct {
	Store store.Store
	Now   func() time.Time
	Log   *log.Logger
}

// Figures answers GET /api/dashboard?now=<ISO 8601, optional>&tz=<IANA zone, default UTC>.
// now exists for tests and screenshots: the figures as they were then.
func (a *API) Figures(w http.ResponseWriter, r *http.Request) {
	if !jsonapi.AllowMethods(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	q := r.URL.Query()
	loc, ok := zone(w, q.Get("tz"))
	if !ok {
		return
	}
	now := a.Now()
	if s := q.Get("now"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidField, "now must be an ISO 8601 time with a UTC offset, such as 2026-05-12T09:30:00Z")
			return
		}
		now = t
	}
	from, to := Window(now, loc)
	calls, err := a.Store.Calls(r.Context(), from, to)
	if err != nil {
		a.internal(w, err)
		return
	}
	agents, err := a.Store.AgentsSeen(r.Context(), now.Add(-AgentWindow), now)
	if err != nil {
		a.internal(w, err)
		return
	}
	jsonapi.Write(w, http.StatusOK, Compute(now, loc, agents, calls))
}

// zone resolves ?tz=; "Local" is refused because it means the server's zone,
// which a browser cannot know.
func zone(w http.ResponseWriter, name string) (*time.Location, bool) {
	if name == "" {
		return time.UTC, true
	}
	if len(name) <= 64 && name != "Local" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, true
		}
	}
	jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidField, "tz must be an IANA time zone such as Europe/Berlin")
	return nil, false
}

func (a *API) internal(w http.ResponseWriter, err error) {
	a.Log.Printf("dashboard: %v", err)
	jsonapi.Error(w, http.StatusInternalServerError, jsonapi.CodeInternal, "the figures could not be read; retry later")
}

// maxHeartbeat bounds a heartbeat body: {"agentId":"…"} and nothing more.
const maxHeartbeat = 4 << 10

// maxAgentID bounds an agent id (CTToolbar7's look like AGENT1001@felixct7).
const maxAgentID = 200

// Heartbeat answers POST /api/heartbeat {"agentId":"…"}, sent by the desk
// while an agent is logged in. Only application/json is taken: a page on
// another origin cannot send that without a CORS preflight we never grant.
func (a *API) Heartbeat(w http.ResponseWriter, r *http.Request) {
	if !jsonapi.AllowMethods(w, r, http.MethodPost) {
		return
	}
	if jsonapi.MediaType(r) != "application/json" {
		jsonapi.Error(w, http.StatusUnsupportedMediaType, jsonapi.CodeUnsupportedType, "send application/json")
		return
	}
	body, ok := jsonapi.ReadBody(w, r, maxHeartbeat)
	if !ok {
		return
	}
	var hb struct {
		AgentID *string `json:"agentId"`
	}
	if err := json.Unmarshal(body, &hb); err != nil {
		jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidJSON, `the body must be a JSON object {"agentId":"…"}`)
		return
	}
	id, msg := agentID(hb.AgentID)
	if msg != "" {
		jsonapi.Error(w, http.StatusBadRequest, jsonapi.CodeInvalidField, msg)
		return
	}
	if err := a.Store.Heartbeat(r.Context(), id, a.Now()); err != nil {
		a.Log.Printf("heartbeat: %v", err)
		jsonapi.Error(w, http.StatusInternalServerError, jsonapi.CodeInternal, "the heartbeat could not be stored")
		return
	}
	jsonapi.Write(w, http.StatusOK, map[string]bool{"ok": true})
}

// agentID validates the id; a non-empty msg says what is wrong.
func agentID(p *string) (id, msg string) {
	if p == nil {
		return "", "agentId is required"
	}
	id = strings.TrimSpace(*p)
	switch {
	case id == "":
		return "", "agentId must not be empty"
	case utf8.RuneCountInString(id) > maxAgentID:
		return "", "agentId is longer than 200 characters"
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return "", "agentId contains control characters"
	}
	return id, ""
}

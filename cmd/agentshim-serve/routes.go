package main

import (
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/dashboard"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/jsonapi"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/sse"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/store"
	"github.com/agentshim/agentshim/cmd/agentshim-serve/webhook"
)

// newHandler routes every request. It is not an http.ServeMux on purpose:
// ServeMux cleans paths and redirects, and the static handler must see
// "/agentshim/../x" as sent, to refuse it.
func newHandler(c config, files http.Handler, st store.Store, logger *log.Logger, stopStreams <-chan struct{}) http.Handler {
	hooks := &webhook.Receiver{Store: st, Now: time.Now, Log: logger}
	dash := &dashboard.API{Store: st, Now: time.Now, Log: logger}
	events := &sse.Replayer{Dir: c.traces, Interval: c.sseInterval, KeepAlive: c.sseKeepAlive, Log: logger, Shutdown: stopStreams}
	exact := map[string]http.Handler{
		"/api/webhooks/start-call":  hooks.Handler(store.StartCall),
		"/api/webhooks/end-call":    hooks.Handler(store.EndCall),
		"/api/heartbeat":            http.HandlerFunc(dash.Heartbeat),
		"/api/dashboard":            http.HandlerFunc(dash.Figures),
		"/api/telemarketing/events": events,
		"/dashboard":                http.HandlerFunc(dashboard.Page),
		"/dashboard/":               http.RedirectHandler("/dashboard", http.StatusMovedPermanently),
	}
	route := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if h, ok := exact[p]; ok {
			h.ServeHTTP(w, r)
			return
		}
		switch {
		case strings.HasPrefix(p, "/api/"):
			jsonapi.NotFound(w, r)
		case strings.HasPrefix(p, dashboard.AssetPrefix):
			dashboard.Assets(w, r)
		default:
			files.ServeHTTP(w, r)
		}
	})
	return jsonapi.Recover(logger, route)
}

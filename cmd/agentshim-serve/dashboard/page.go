package dashboard

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/agentshim/agentshim/cmd/agentshim-serve/static"
)

// The page and its assets are compiled in, so the dashboard works wherever
// the binary runs, with no web/ directory.
var (
	//go:embed page.html
	page []byte
	//go:embed assets
	assets embed.FS
)

// AssetPrefix is where the page's script and style sheet are served.
const AssetPrefix = "/dashboard/assets/"

// assetTypes lists the media types of what assets/ holds (our own table, as
// in package static: the machine's mime table may lack or misname them).
var assetTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

// built stands in for the files' modification time (embed has none), so
// conditional requests still work within one run.
var built = time.Now()

// Page serves GET /dashboard, under the same CSP as every other page.
func Page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", static.ContentSecurityPolicy)
	serve(w, r, "dashboard.html", page)
}

// Assets serves the files under AssetPrefix.
func Assets(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, AssetPrefix)
	ctype, known := assetTypes[path.Ext(name)]
	// fs.ValidPath refuses "..", empty and rooted names; the FS holds
	// nothing but assets/, so nothing else can be reached.
	if !known || !fs.ValidPath(name) || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	body, err := assets.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	serve(w, r, name, body)
}

func serve(w http.ResponseWriter, r *http.Request, name string, body []byte) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, built, bytes.NewReader(body))
}

// Package static serves directories over HTTP the way the agentshim demo
// needs: exact media types (application/wasm), precompressed .br/.gz
// siblings, a strict Content-Security-Policy on HTML, content-hashed names
// with immutable caching (fingerprint.go; everything else revalidates), and no way
// out of the served directories. cmd/agentshim-serve and the browser test
// harness (web/e2e) both use it, so the tests see what the demo serves.
package static

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Handler serves each mounted directory under its URL prefix.
type Handler struct {
	mounts      []mount // longest prefix first
	hashedMount *mount  // set by Fingerprint
	rewrite     *regexp.Regexp
}

type mount struct {
	prefix string // starts and ends with "/"
	dir    string
	hashed *hashes // non-nil: also served under content-hashed names
}

// New returns a handler serving roots, a map from URL prefix ("/agentshim/",
// "/") to directory. A request goes to the longest matching prefix. Each
// prefix must start and end with "/", and each directory must exist.
func New(roots map[string]string) (*Handler, error) {
	if len(roots) == 0 {
		return nil, errors.New("static: no directory to serve")
	}
	h := &Handler{}
	for prefix, dir := range roots {
		if !strings.HasPrefix(prefix, "/") || !strings.HasSuffix(prefix, "/") {
			return nil, fmt.Errorf("static: prefix %q must start and end with /", prefix)
		}
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("static: directory for %s: %w", prefix, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("static: %s for %s is not a directory", dir, prefix)
		}
		h.mounts = append(h.mounts, mount{prefix: prefix, dir: dir})
	}
	slices.SortFunc(h.mounts, func(a, b mount) int { return len(b.prefix) - len(a.prefix) })
	return h, nil
}

// ServeHTTP answers GET and HEAD only.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path // already percent-decoded, so %2e%2e arrives as ".."
	if !safePath(p) {
		http.Error(w, "path refused", http.StatusBadRequest)
		return
	}
	m, rel, ok := h.match(p)
	if !ok {
		if h.isPrefixWithoutSlash(p) {
			redirectSlash(w, r)
			return
		}
		http.NotFound(w, r)
		return
	}
	h.serve(m, w, r, rel)
}

// safePath refuses anything that could climb out of a directory or that a
// file system would read differently from us. os.Root below is the second
// line of defence (it also stops symlinks that point outside).
func safePath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\\") {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// match finds the mount for p and the path relative to its directory.
func (h *Handler) match(p string) (mount, string, bool) {
	for _, m := range h.mounts {
		if rel, ok := strings.CutPrefix(p, m.prefix); ok {
			return m, rel, true
		}
	}
	return mount{}, "", false
}

// isPrefixWithoutSlash reports a request for "/agentshim", which must become
// "/agentshim/" so that relative URLs in its index.html resolve.
func (h *Handler) isPrefixWithoutSlash(p string) bool {
	for _, m := range h.mounts {
		if p+"/" == m.prefix {
			return true
		}
	}
	return false
}

func redirectSlash(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Path + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusMovedPermanently)
}

// serve answers with the file rel of the mount. The directory is opened per
// request, so a rebuilt dist/ (deleted and recreated) is picked up.
func (h *Handler) serve(m mount, w http.ResponseWriter, r *http.Request, rel string) {
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if hidden(name) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(m.dir)
	if err != nil {
		http.Error(w, "directory unavailable", http.StatusInternalServerError)
		return
	}
	defer root.Close()
	if m.hashed != nil && m.serveHashed(w, r, root, name) {
		return
	}
	info, err := root.Stat(name)
	switch {
	case err != nil:
		// Missing, or refused by os.Root (a symlink leading outside the
		// directory): both are simply absent to the client.
		http.NotFound(w, r)
	case info.IsDir():
		redirectSlash(w, r)
	case !info.Mode().IsRegular():
		http.NotFound(w, r)
	case h.rewrite != nil && isHTML(contentType(name)):
		body, err := root.ReadFile(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		serveFileCached(w, r, root, name, RevalidateCache, h.rewriteHTML(body))
	default:
		serveFileCached(w, r, root, name, RevalidateCache, nil)
	}
}

// hidden keeps dotfiles (.git, .env, editor droppings) private.
func hidden(name string) bool {
	for seg := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(seg, ".") && seg != "." {
			return true
		}
	}
	return false
}

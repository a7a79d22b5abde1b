package static

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"
)

// Content-hashed asset names. With Fingerprint("/agentshim/"), every file
// of that mount is also served as name.<hash>.ext (e.g.
// /agentshim/agentshim.3f2a9c01d4e7.wasm), where hash is the start of the
// SHA-256 of the file's bytes, with
//
//	Cache-Control: public, max-age=31536000, immutable
//
// A stale hash (the file changed since) is a 404, never the new bytes under
// the old name. Unhashed names stay available with Cache-Control: no-cache
// (revalidated on every use), so a page with one plain <script> tag keeps
// working, just without the year-long cache.
//
// HTML pages served by the handler get their references rewritten: every
// quoted "/agentshim/NAME" (src, href, data-wasm, ...) naming a file of the
// mount becomes "/agentshim/NAME.<hash>.EXT". A page is authored with the
// plain names and the browser still fetches only hashed, immutable assets;
// a new build changes the hashes in the HTML (which itself is no-cache).

// ImmutableCache is the Cache-Control of a hashed name.
const ImmutableCache = "public, max-age=31536000, immutable"

// RevalidateCache is the Cache-Control of every other file.
const RevalidateCache = "no-cache"

// hashLen is how many hex digits of the SHA-256 a name carries: 48 bits,
// plenty against collisions between two builds of one file.
const hashLen = 12

// Fingerprint serves the mount at prefix (one given to New) under hashed
// names too and rewrites references to it in HTML.
func (h *Handler) Fingerprint(prefix string) bool {
	for i := range h.mounts {
		if h.mounts[i].prefix == prefix {
			h.mounts[i].hashed = &hashes{byPath: map[string]hashEntry{}}
			h.rewrite = regexp.MustCompile(`(["'])` + regexp.QuoteMeta(prefix) + `([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*)(["'?#])`)
			h.hashedMount = &h.mounts[i]
			return true
		}
	}
	return false
}

// hashes caches file hashes by path, size and modification time, so a
// rebuilt file is hashed again and an unchanged one is read once.
type hashes struct {
	mu     sync.Mutex
	byPath map[string]hashEntry
}

type hashEntry struct {
	size int64
	mod  time.Time
	hash string
}

// of returns the hash of name in root, or "" when it is not a regular file.
func (c *hashes) of(root *os.Root, name string) string {
	f := openRegular(root, name)
	if f == nil {
		return ""
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return ""
	}
	c.mu.Lock()
	e, ok := c.byPath[name]
	c.mu.Unlock()
	if ok && e.size == info.Size() && e.mod.Equal(info.ModTime()) {
		return e.hash
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return ""
	}
	e = hashEntry{size: info.Size(), mod: info.ModTime(), hash: hex.EncodeToString(sum.Sum(nil))[:hashLen]}
	c.mu.Lock()
	c.byPath[name] = e
	c.mu.Unlock()
	return e.hash
}

// HashedName inserts hash before the last extension: "a/desk.js" →
// "a/desk.<hash>.js"; a name without one gets it appended.
func HashedName(name, hash string) string {
	dir, file := path.Split(name)
	if i := strings.LastIndexByte(file, '.'); i > 0 {
		return dir + file[:i] + "." + hash + file[i:]
	}
	return name + "." + hash
}

// splitHashed undoes HashedName: "desk.0123456789ab.js" → ("desk.js",
// "0123456789ab"). ok is false when name carries no hash.
func splitHashed(name string) (plain, hash string, ok bool) {
	dir, file := path.Split(name)
	ext := ""
	if i := strings.LastIndexByte(file, '.'); i > 0 {
		file, ext = file[:i], file[i:]
	}
	i := strings.LastIndexByte(file, '.')
	if i <= 0 || len(file)-i-1 != hashLen || !isHex(file[i+1:]) {
		// "x.<hash>" without an extension.
		if ext != "" && len(ext)-1 == hashLen && isHex(ext[1:]) {
			return dir + file, ext[1:], true
		}
		return "", "", false
	}
	return dir + file[:i] + ext, file[i+1:], true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// serveHashed answers a hashed name of a fingerprinted mount; false when
// name carries no hash (serve it as a plain file).
func (m mount) serveHashed(w http.ResponseWriter, r *http.Request, root *os.Root, name string) bool {
	plain, hash, ok := splitHashed(name)
	if !ok {
		return false
	}
	if m.hashed.of(root, plain) != hash {
		http.NotFound(w, r) // stale or made up: never other bytes under this name
		return true
	}
	serveFileCached(w, r, root, plain, ImmutableCache, nil)
	return true
}

// rewriteHTML replaces references to the fingerprinted mount with hashed
// names; references to files it does not hold stay as they are.
func (h *Handler) rewriteHTML(body []byte) []byte {
	m := h.hashedMount
	root, err := os.OpenRoot(m.dir)
	if err != nil {
		return body
	}
	defer root.Close()
	return h.rewrite.ReplaceAllFunc(body, func(ref []byte) []byte {
		sub := h.rewrite.FindSubmatch(ref)
		name := string(sub[2])
		if hidden(name) {
			return ref
		}
		hash := m.hashed.of(root, name)
		if hash == "" {
			return ref
		}
		var b bytes.Buffer
		b.Write(sub[1])
		b.WriteString(m.prefix)
		b.WriteString(HashedName(name, hash))
		b.Write(sub[3])
		return b.Bytes()
	})
}

package static

import (
	"bytes"
	"net/http"
	"os"
	"strconv"
)

// serveFileCached sends name, or its precompressed sibling when the client
// accepts that coding, with the given Cache-Control. The headers describe
// the original file: the sibling only changes Content-Encoding. A non-nil
// body (an HTML page with rewritten asset names) is sent instead of the
// file, uncompressed.
func serveFileCached(w http.ResponseWriter, r *http.Request, root *os.Root, name, cacheControl string, body []byte) {
	h := w.Header()
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	// Whether or not a sibling exists today, the answer depends on the
	// header, so caches must key on it.
	h.Add("Vary", "Accept-Encoding")
	if isHTML(ctype) {
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
	}
	if body != nil {
		info, err := root.Stat(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), bytes.NewReader(body))
		return
	}
	f, enc := openBest(root, name, r.Header.Get("Accept-Encoding"))
	if f == nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
		// ServeContent leaves out Content-Length once an encoding is set,
		// because a byte range of the coded body rarely makes sense. We send
		// the whole coded body instead, with its length (progress bars of
		// wasm loaders read it).
		r.Header.Del("Range")
		h.Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// openBest opens the best acceptable precompressed sibling, or the file
// itself (enc == ""). It returns nil when nothing can be opened.
func openBest(root *os.Root, name, acceptEncoding string) (f *os.File, enc string) {
	for _, e := range acceptable(acceptEncoding) {
		if f := openRegular(root, name+e.suffix); f != nil {
			return f, e.name
		}
	}
	return openRegular(root, name), ""
}

// openRegular opens a regular file, or returns nil.
func openRegular(root *os.Root, name string) *os.File {
	f, err := root.Open(name)
	if err != nil {
		return nil
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil
	}
	return f
}

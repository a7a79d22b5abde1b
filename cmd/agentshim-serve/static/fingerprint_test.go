package static

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func hashOf(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:])[:hashLen]
}

// fingerprinted is the fixture with /agentshim/ fingerprinted and a page
// that references the runtime.
func fingerprinted(t *testing.T) (*Handler, string) {
	h, base := fixture(t)
	page := `<script src="/agentshim/agentshim.js" data-wasm='/agentshim/agentshim.wasm'></script>` +
		`<script src="/agentshim/missing.js"></script><a href="/agentshim/agentshim.js?x=1">x</a>` +
		`<p>/agentshim/agentshim.js in text stays</p><img src="/agentshim/.hidden">`
	require.NoError(t, os.WriteFile(filepath.Join(base, "web", "hashed.html"), []byte(page), 0o644))
	require.True(t, h.Fingerprint("/agentshim/"))
	return h, base
}

func TestHashedNames(t *testing.T) {
	assert.Equal(t, "a/desk.0123456789ab.js", HashedName("a/desk.js", "0123456789ab"))
	assert.Equal(t, "agentshim.d.0123456789ab.ts", HashedName("agentshim.d.ts", "0123456789ab"))
	assert.Equal(t, "LICENSE.0123456789ab", HashedName("LICENSE", "0123456789ab"))
	for _, name := range []string{"a/desk.js", "agentshim.d.ts", "LICENSE", "x.wasm"} {
		plain, hash, ok := splitHashed(HashedName(name, "0123456789ab"))
		assert.True(t, ok, name)
		assert.Equal(t, name, plain)
		assert.Equal(t, "0123456789ab", hash)
	}
	for _, name := range []string{"desk.js", "desk.0123456789a.js", "desk.0123456789AB.js", "desk.0123456789abc.js", ".0123456789ab.js"} {
		_, _, ok := splitHashed(name)
		assert.False(t, ok, name)
	}
}

func TestHashedAssetIsImmutable(t *testing.T) {
	h, _ := fingerprinted(t)
	target := "/agentshim/" + HashedName("agentshim.wasm", hashOf("\x00asm-plain"))
	res, body := get(t, h, http.MethodGet, target, map[string]string{"Accept-Encoding": "br"})
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, ImmutableCache, res.Header.Get("Cache-Control"))
	assert.Equal(t, "application/wasm", res.Header.Get("Content-Type"))
	assert.Equal(t, "br", res.Header.Get("Content-Encoding"), "precompressed siblings work under hashed names")
	assert.Equal(t, "wasm-brotli", body)

	res, _ = get(t, h, http.MethodGet, "/agentshim/agentshim.wasm", nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, RevalidateCache, res.Header.Get("Cache-Control"), "the plain name revalidates")

	for _, stale := range []string{
		"/agentshim/" + HashedName("agentshim.wasm", hashOf("an older build")),
		"/agentshim/" + HashedName("missing.wasm", hashOf("")),
		"/" + HashedName("app.css", hashOf("p{}")), // web/ is not fingerprinted
	} {
		res, _ = get(t, h, http.MethodGet, stale, nil)
		assert.Equal(t, http.StatusNotFound, res.StatusCode, stale)
	}
}

func TestRebuiltAssetGetsANewHash(t *testing.T) {
	h, base := fingerprinted(t)
	old := "/agentshim/" + HashedName("agentshim.js", hashOf("js-plain"))
	res, _ := get(t, h, http.MethodGet, old, nil)
	require.Equal(t, http.StatusOK, res.StatusCode)
	file := filepath.Join(base, "dist", "agentshim.js")
	require.NoError(t, os.WriteFile(file, []byte("js-rebuilt"), 0o644))
	later := time.Now().Add(time.Minute)
	require.NoError(t, os.Chtimes(file, later, later))
	res, _ = get(t, h, http.MethodGet, old, nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode, "the old hash is gone")
	res, body := get(t, h, http.MethodGet, "/agentshim/"+HashedName("agentshim.js", hashOf("js-rebuilt")), nil)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "js-rebuilt", body)
}

func TestHTMLReferencesAreRewritten(t *testing.T) {
	h, _ := fingerprinted(t)
	res, body := get(t, h, http.MethodGet, "/hashed.html", map[string]string{"Accept-Encoding": "br, gzip"})
	require.Equal(t, http.StatusOK, res.StatusCode)
	js, wasm := HashedName("agentshim.js", hashOf("js-plain")), HashedName("agentshim.wasm", hashOf("\x00asm-plain"))
	assert.Equal(t, `<script src="/agentshim/`+js+`" data-wasm='/agentshim/`+wasm+`'></script>`+
		`<script src="/agentshim/missing.js"></script><a href="/agentshim/`+js+`?x=1">x</a>`+
		`<p>/agentshim/agentshim.js in text stays</p><img src="/agentshim/.hidden">`, body)
	assert.Equal(t, RevalidateCache, res.Header.Get("Cache-Control"), "the page itself revalidates")
	assert.Empty(t, res.Header.Get("Content-Encoding"))
	assert.Equal(t, ContentSecurityPolicy, res.Header.Get("Content-Security-Policy"))

	// Every rewritten reference is servable.
	for _, name := range []string{js, wasm} {
		res, _ := get(t, h, http.MethodGet, "/agentshim/"+name, nil)
		assert.Equal(t, http.StatusOK, res.StatusCode, name)
	}
}

func TestWithoutFingerprintHTMLIsUntouched(t *testing.T) {
	h, base := fixture(t)
	page := `<script src="/agentshim/agentshim.js"></script>`
	require.NoError(t, os.WriteFile(filepath.Join(base, "web", "plain.html"), []byte(page), 0o644))
	_, body := get(t, h, http.MethodGet, "/plain.html", nil)
	assert.Equal(t, page, body)
	res, _ := get(t, h, http.MethodGet, "/agentshim/"+HashedName("agentshim.js", hashOf("js-plain")), nil)
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.False(t, h.Fingerprint("/nope/"))
}

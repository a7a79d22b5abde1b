package jsonx

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSWARMatchesBytewise compares the word-at-a-time predicates with their
// byte-by-byte definitions: every byte value at every position over a
// background of random harmless and harmful bytes.
func TestSWARMatchesBytewise(t *testing.T) {
	predicates := []struct {
		name string
		word func(uint64) bool
		byte func(byte) bool
	}{
		{"validString", stopsValidString, func(c byte) bool { return c < 0x20 || c == '"' || c == '\\' }},
		{"plainString", stopsPlainString, func(c byte) bool { return c >= 0x80 || c == '"' || c == '\\' }},
		{"writtenString", stopsWrittenString, func(c byte) bool { return c < 0x20 || c >= 0x80 || c == '"' || c == '\\' }},
		{"container", stopsContainer, func(c byte) bool { return c == '"' || c == '{' || c == '}' || c == '[' || c == ']' }},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 8)
	for _, p := range predicates {
		for round := 0; round < 200; round++ {
			for k := range buf {
				buf[k] = byte(rng.IntN(256))
			}
			for pos := 0; pos < 8; pos++ {
				for c := 0; c < 256; c++ {
					buf[pos] = byte(c)
					want := false
					for _, b := range buf {
						want = want || p.byte(b)
					}
					require.Equal(t, want, p.word(load8(buf, 0)), "%s %x", p.name, buf)
					require.Equal(t, load8(buf, 0), load8s(string(buf), 0))
				}
			}
		}
	}
}

func TestEqual(t *testing.T) {
	base := []byte(`{"id":"68-60f69967@pddialer1.example.priv","type":"inbound"}`)
	for n := 0; n <= len(base); n++ {
		a := base[:n]
		require.True(t, Equal(a, append([]byte(nil), a...)), "length %d", n)
		for i := 0; i < n; i++ { // a difference in every position, in the word loop and the tail
			b := append([]byte(nil), a...)
			b[i] ^= 0x20
			require.False(t, Equal(a, b), "length %d, byte %d differs", n, i)
		}
		if n > 0 {
			require.False(t, Equal(a, a[:n-1]), "length %d vs %d", n, n-1)
		}
	}
	require.True(t, Equal(nil, []byte{}))
}

package ascii

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// On ASCII input the package agrees with strings'; other bytes pass through.
func TestAgreesWithStringsOnASCII(t *testing.T) {
	words := []string{"", "a", "ConnectionStarted", "HTTPS://", "content-TYPE", "cz", "x-Y_z 09", "Žluť"}
	for _, w := range words {
		if isASCII(w) {
			assert.Equal(t, strings.ToLower(w), Lower(w), w)
			assert.Equal(t, strings.ToUpper(w), Upper(w), w)
		}
		for _, v := range words {
			if isASCII(w) && isASCII(v) {
				assert.Equal(t, strings.EqualFold(w, v), EqualFold(w, v), "%q %q", w, v)
				assert.Equal(t, strings.EqualFold(w, v), EqualFold([]byte(w), v), "%q %q", w, v)
			}
		}
	}
	assert.Equal(t, "žluť", Lower("žluť"), "non-ASCII bytes stay as they are")
	assert.True(t, HasPrefixFold("HTTPS://x", "https://"))
	assert.False(t, HasPrefixFold("http", "https://"))
	buf := make([]byte, 0, 16)
	assert.Equal(t, "POPUP", string(AppendUpper(buf, "popup")))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = AppendUpper(buf[:0], "popup") }))
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

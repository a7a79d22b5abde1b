package isotime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// referenceLayouts are the forms Parse accepts, spelled for package time.
// Where package time accepts an input with one of them, Parse must either
// reject it or agree.
var referenceLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	time.DateOnly,
}

// FuzzRoundTrip checks Parse(Format(ms)) == ms and Format against package
// time for every supported instant, and that Parse never panics, never
// disagrees with package time, and only accepts what some reference layout
// accepts.
func FuzzRoundTrip(f *testing.F) {
	f.Add(int64(1620838164725), "2021-05-12T18:49:24.7+0200")
	f.Add(int64(-1), "2021-05-12")
	f.Add(MaxMillis, "9999-12-31T23:59:59.999999Z")
	f.Add(MinMillis, "0001-01-01 00:00:00")
	f.Fuzz(func(t *testing.T, n int64, s string) {
		ms := MinMillis + int64(uint64(n)%uint64(MaxMillis-MinMillis+1))
		text := Format(ms)
		require.Equal(t, time.UnixMilli(ms).UTC().Format(refLayout), text)
		back, ok := Parse(text)
		require.True(t, ok, text)
		require.Equal(t, ms, back, text)

		got, ok := Parse(s)
		if !ok {
			require.Zero(t, got)
		}
		// RFC 3339 allows lower-case t and z; package time does not.
		norm := s
		if len(norm) > 10 && norm[10] == 't' {
			norm = norm[:10] + "T" + norm[11:]
		}
		if strings.HasSuffix(norm, "z") {
			norm = norm[:len(norm)-1] + "Z"
		}
		accepted := false
		for _, layout := range referenceLayouts {
			ref, err := time.Parse(layout, norm)
			if err != nil {
				continue
			}
			accepted = true
			if ok {
				require.Equal(t, ref.UnixMilli(), got, "Parse(%q) vs time.Parse(%q)", s, layout)
			}
		}
		if ok {
			require.True(t, accepted, "Parse accepted %q, package time rejects it with every layout", s)
			require.True(t, got >= MinMillis && got <= MaxMillis)
		}
	})
}

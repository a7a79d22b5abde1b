package callflow

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzParse: Parse never panics; it returns either BAD_INPUT or flows that
// re-validate, have their own embed ids, survive being written back as JSON,
// ring for at most 240 s on a gap-free timeline, and open exactly at their
// hours. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add(marshal(f, dealerJSON()))
	f.Fuzz(func(t *testing.T, doc []byte) {
		flows, err := Parse(doc)
		if err != nil {
			var e *Error
			require.True(t, errors.As(err, &e))
			require.Equal(t, BadInput, e.Code)
			require.NotEmpty(t, e.Msg)
			require.Nil(t, flows)
			return
		}
		require.NotEmpty(t, flows)
		seen := map[string]bool{}
		for i := range flows {
			fl := &flows[i]
			require.NoError(t, fl.Validate())
			require.False(t, seen[fl.EmbedID], "embed ids are unique")
			seen[fl.EmbedID] = true
			again, err := Parse(marshal(t, flowJSON(fl)))
			require.NoError(t, err)
			require.Equal(t, []Flow{*fl}, again)
			checkPlan(t, fl)
			checkHoursEdges(t, fl)
		}
	})
}

func checkPlan(t *testing.T, f *Flow) {
	plan, at := f.Plan(), 0
	require.Len(t, plan, len(f.Steps))
	for i, r := range plan {
		require.Equal(t, f.Steps[i].Group, r.Group)
		require.Equal(t, at, r.From)
		require.Greater(t, r.Until, r.From)
		at = r.Until
	}
	require.Equal(t, at, f.EscalationAfter())
	require.LessOrEqual(t, f.EscalationAfter(), MaxRing)
}

// checkHoursEdges probes each day around its start and end.
func checkHoursEdges(t *testing.T, f *Flow) {
	for d, h := range f.Hours {
		for _, m := range []int{h.Start - 1, h.Start, h.End - 1, h.End} {
			lt := LocalTime{Weekday: d, Minute: m}
			dec := f.Decide(lt)
			switch {
			case !lt.Valid():
				require.Equal(t, Invalid, dec.Kind)
			case h.Start <= m && m < h.End:
				require.Equal(t, Decision{Kind: Route, Steps: f.Steps}, dec)
			default:
				require.Equal(t, Decision{Kind: OutOfHours, URL: f.OutOfHoursURL}, dec)
			}
		}
	}
}

// flowJSON writes a flow back in the documented shape.
func flowJSON(f *Flow) map[string]any {
	hours := map[string]any{}
	for d, h := range f.Hours {
		hours[dayKeys[d]] = []any{clock(h.Start), clock(h.End)}
	}
	steps := []any{}
	for _, s := range f.Steps {
		steps = append(steps, map[string]any{"group": s.Group, "ringSeconds": s.RingSeconds})
	}
	m := map[string]any{"embedId": f.EmbedID, "name": f.Name, "description": f.Description,
		"timeZone": f.TimeZone, "hours": hours, "steps": steps,
		"exitUrl": f.ExitURL, "outOfHoursUrl": f.OutOfHoursURL, "escalationUrl": f.EscalationURL}
	if f.ID != "" {
		m["id"] = f.ID
	}
	return m
}

// FuzzURL: whatever checkURL accepts, net/url reads as an absolute http or
// https URL with a host and no user info.
func FuzzURL(f *testing.F) {
	for _, s := range []string{"https://autohaus.example/danke", "HTTP://[::1]:80/x?y#z", "https://a:/",
		"javascript:alert(1)", "https://u@h/", "https://münchen.example/ä", "http://h:65535", "https://h?@x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if checkURL("u", s) != nil {
			return
		}
		u, err := url.Parse(s)
		require.NoError(t, err, s)
		require.Contains(t, []string{"http", "https"}, strings.ToLower(u.Scheme), s)
		require.NotEmpty(t, u.Host, s)
		require.Nil(t, u.User, s)
		require.Empty(t, u.Opaque, s)
	})
}

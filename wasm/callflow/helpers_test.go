package callflow

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// dealer is a valid flow: weekdays 08:00–18:00, Saturday 09:00–13:00,
// Sunday closed, sales then service.
func dealer() Flow {
	f := Flow{
		ID: "cf-17", EmbedID: "a1B2-c3_d4", Name: "Autohaus Müller – Verkauf",
		Description: "Video-Beratung im Showroom", TimeZone: "Europe/Berlin",
		Steps:         []Step{{Group: "Verkauf", RingSeconds: 30}, {Group: "Service", RingSeconds: 45}},
		ExitURL:       "https://autohaus.example/danke",
		OutOfHoursURL: "https://autohaus.example/geschlossen",
		EscalationURL: "https://autohaus.example/rueckruf",
	}
	for d := 1; d <= 5; d++ {
		f.Hours[d] = Hours{Start: 8 * 60, End: 18 * 60}
	}
	f.Hours[6] = Hours{Start: 9 * 60, End: 13 * 60}
	return f
}

// dealerJSON is dealer() as a JSON object, for tests to break one part of.
func dealerJSON() map[string]any {
	return map[string]any{
		"id": "cf-17", "embedId": "a1B2-c3_d4", "name": "Autohaus Müller – Verkauf",
		"description": "Video-Beratung im Showroom", "timeZone": "Europe/Berlin",
		"hours": map[string]any{
			"mon": []any{"08:00", "18:00"}, "tue": []any{"08:00", "18:00"}, "wed": []any{"08:00", "18:00"},
			"thu": []any{"08:00", "18:00"}, "fri": []any{"08:00", "18:00"}, "sat": []any{"09:00", "13:00"},
			"sun": []any{"00:00", "00:00"},
		},
		"steps": []any{
			map[string]any{"group": "Verkauf", "ringSeconds": 30},
			map[string]any{"group": "Service", "ringSeconds": 45},
		},
		"exitUrl":       "https://autohaus.example/danke",
		"outOfHoursUrl": "https://autohaus.example/geschlossen",
		"escalationUrl": "https://autohaus.example/rueckruf",
	}
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// requireBad checks that err is a BAD_INPUT *Error naming field.
func requireBad(t testing.TB, err error, field string) *Error {
	t.Helper()
	var e *Error
	require.True(t, errors.As(err, &e), "want *Error, got %v", err)
	require.Equal(t, BadInput, e.Code)
	require.Equal(t, field, e.Field, "message: %s", e.Msg)
	require.NotEmpty(t, e.Msg)
	return e
}

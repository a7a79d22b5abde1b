// Package callflow reads, checks and applies the video-call embed's call
// flows: business hours per weekday in a time zone, routing steps (a call
// group and its ring time) tried top to bottom, and three URLs the visitor is
// sent to: exit (after a successful call), out of hours, and escalation (when
// nobody answered within the summed ring times, at most 240 s).
//
// A document is one flow, an array of flows, or {"callFlows": [...]}. A flow:
//
//	{
//	  "id": "cf-17",                      // optional; "callflow" in webhooks
//	  "embedId": "a1B2-c3_d4",            // the button's data-cwbbb-igh value
//	  "name": "Autohaus Müller – Verkauf",
//	  "description": "Video-Beratung",    // optional
//	  "timeZone": "Europe/Berlin",        // IANA Area/Location, or UTC
//	  "hours": {"mon": ["08:00", "18:00"], "tue": ..., "sat": ["09:00", "13:00"],
//	            "sun": ["00:00", "00:00"]},  // all 7 days; start == end: closed
//	  "steps": [{"group": "Verkauf", "ringSeconds": 30},
//	            {"group": "Service", "ringSeconds": 45}],
//	  "exitUrl": "https://autohaus.example/danke",
//	  "outOfHoursUrl": "https://autohaus.example/geschlossen",
//	  "escalationUrl": "https://autohaus.example/rueckruf"
//	}
//
// Parse refuses anything else with an *Error of code BAD_INPUT whose Field
// names the place ("callFlows[1].steps[2].ringSeconds"); README.md lists the
// rules. Time zone names are checked for their form only: this package is
// compiled into the browser's WebAssembly binary, which carries no zone
// database (and may import neither time nor fmt, encoding/json, reflect or
// regexp). For the same reason Decide takes the local wall-clock time in the
// flow's zone, computed by the caller: Intl.DateTimeFormat in the browser,
// time.Time.In in native code.
package callflow

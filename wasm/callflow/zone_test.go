package callflow

import (
	"archive/zip"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the same zone data on every machine that runs the tests

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// localOf is how a caller must compute a LocalTime: the wall clock of the
// flow's zone at that instant, weekday included. In the browser the same is
//
//	new Intl.DateTimeFormat("en-US", {timeZone: flow.timeZone, weekday: "short",
//	    hour: "2-digit", minute: "2-digit", hourCycle: "h23"}).formatToParts(now)
//
// (hourCycle "h23", not hour12: false, which some engines render as 24:05
// after midnight).
func localOf(t testing.TB, instant, zone string) LocalTime {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	require.NoError(t, err)
	ts, err := time.Parse(time.RFC3339, instant)
	require.NoError(t, err)
	lt := ts.In(loc)
	return LocalTime{Weekday: int(lt.Weekday()), Minute: lt.Hour()*60 + lt.Minute()}
}

// fixedOffset is the mistake the tests guard against: one UTC offset all
// year.
func fixedOffset(t testing.TB, instant string, hours int) LocalTime {
	ts, err := time.Parse(time.RFC3339, instant)
	require.NoError(t, err)
	lt := ts.In(time.FixedZone("fixed", hours*3600))
	return LocalTime{Weekday: int(lt.Weekday()), Minute: lt.Hour()*60 + lt.Minute()}
}

func TestDecideInRealZones(t *testing.T) {
	berlin := dealer() // Mon–Fri 08:00–18:00, Sat 09:00–13:00, Sun closed
	newYork := dealer()
	newYork.TimeZone = "America/New_York"
	newYork.Hours[0] = Hours{Start: 9 * 60, End: 12 * 60} // Sunday 09:00–12:00
	night := dealer()
	night.TimeZone = "America/New_York"
	night.Hours[0] = Hours{Start: 1 * 60, End: 3 * 60} // Sunday 01:00–03:00, across both changes
	for _, f := range []Flow{berlin, newYork, night} {
		require.NoError(t, f.Validate())
		_, err := time.LoadLocation(f.TimeZone)
		require.NoError(t, err, "a valid flow's zone must be known to the zone database")
	}
	cases := []struct {
		name    string
		flow    Flow
		instant string
		open    bool
		fixed   int // UTC offset a naive caller would use, or 0
	}{
		{"Berlin, Monday before spring forward: 07:30 CET", berlin, "2025-03-24T06:30:00Z", false, 0},
		{"Berlin, Monday after spring forward: 08:30 CEST", berlin, "2025-03-31T06:30:00Z", true, 1},
		{"Berlin, Monday before fall back: 18:30 CEST", berlin, "2025-10-20T16:30:00Z", false, 0},
		{"Berlin, Monday after fall back: 17:30 CET", berlin, "2025-10-27T16:30:00Z", true, 2},
		{"Berlin, Saturday 23:30 UTC is Sunday 00:30 local", berlin, "2025-03-29T23:30:00Z", false, 0},
		{"Berlin, Friday 22:30 UTC is Friday 23:30 local", berlin, "2025-03-28T22:30:00Z", false, 0},
		{"New York, Sunday a week before DST: 08:30 EST", newYork, "2025-03-02T13:30:00Z", false, 0},
		{"New York, DST Sunday: 09:30 EDT", newYork, "2025-03-09T13:30:00Z", true, -5},
		{"New York, Monday 01:00 UTC is Sunday 21:00 local", newYork, "2025-03-10T01:00:00Z", false, 0},
		{"New York, 01:59 EST just before the gap", night, "2025-03-09T06:59:00Z", true, 0},
		{"New York, the next minute is 03:00 EDT", night, "2025-03-09T07:00:00Z", false, -5},
		{"New York, first 01:30 (EDT) on fall-back Sunday", night, "2025-11-02T05:30:00Z", true, 0},
		{"New York, second 01:30 (EST) on fall-back Sunday", night, "2025-11-02T06:30:00Z", true, 0},
		{"New York, 02:30 EST, an hour later than summer time says", night, "2025-11-02T07:30:00Z", true, -4},
		{"New York, 03:00 EST after fall back", night, "2025-11-02T08:00:00Z", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lt := localOf(t, c.instant, c.flow.TimeZone)
			want := Decision{Kind: OutOfHours, URL: c.flow.OutOfHoursURL}
			if c.open {
				want = Decision{Kind: Route, Steps: c.flow.Steps}
			}
			assert.Equal(t, want, c.flow.Decide(lt))
			if c.fixed != 0 {
				// The last summer's (or winter's) offset gets this instant wrong.
				assert.NotEqual(t, c.open, c.flow.Open(fixedOffset(t, c.instant, c.fixed)))
			}
		})
	}
}

// TestEveryIANAZoneIsAccepted checks the time zone rule against the zone
// names Go ships: every Area/Location name and UTC pass, legacy names
// without an area ("EST5EDT", "Cuba") do not.
func TestEveryIANAZoneIsAccepted(t *testing.T) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	zr, err := zip.OpenReader(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "time", "zoneinfo.zip"))
	require.NoError(t, err)
	defer zr.Close()
	withArea := 0
	for _, z := range zr.File {
		got := checkTimeZone(z.Name)
		if strings.Contains(z.Name, "/") || z.Name == "UTC" {
			withArea++
			assert.Nil(t, got, z.Name)
		} else {
			assert.NotNil(t, got, z.Name)
		}
	}
	assert.Greater(t, withArea, 400, "zoneinfo.zip holds the whole database")
}

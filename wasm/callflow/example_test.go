package callflow

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeExample keeps the documented example valid and equal to dealer().
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "```json\n")
	require.True(t, ok)
	example, _, ok := strings.Cut(rest, "```")
	require.True(t, ok)
	flows, err := Parse([]byte(example))
	require.NoError(t, err)
	require.Equal(t, []Flow{dealer()}, flows)
}

// TestRealisticFlows parses flows as integrators would write them and checks
// the decisions and timelines they lead to.
func TestRealisticFlows(t *testing.T) {
	type probe struct {
		t    LocalTime
		kind Kind
	}
	cases := []struct {
		name   string
		json   string
		probes []probe
		plan   []Ring
	}{
		{
			name: "car dealer, sales then service",
			json: `{"embedId":"ah-mueller","name":"Autohaus","timeZone":"Europe/Berlin",
			  "hours":{"mon":["08:00","18:00"],"tue":["08:00","18:00"],"wed":["08:00","18:00"],
			    "thu":["08:00","18:00"],"fri":["08:00","16:30"],"sat":["09:00","13:00"],"sun":["00:00","00:00"]},
			  "steps":[{"group":"Verkauf","ringSeconds":30},{"group":"Service","ringSeconds":45},{"group":"Zentrale","ringSeconds":60}],
			  "exitUrl":"https://ah.example/danke","outOfHoursUrl":"https://ah.example/zu","escalationUrl":"https://ah.example/rueckruf"}`,
			probes: []probe{{at(5, 16, 29), Route}, {at(5, 16, 30), OutOfHours}, {at(6, 9, 0), Route}, {at(0, 11, 0), OutOfHours}},
			plan:   []Ring{{"Verkauf", 0, 30}, {"Service", 30, 75}, {"Zentrale", 75, 135}},
		},
		{
			name: "help desk around the clock, one group at the vendor's limit",
			json: `{"embedId":"helpdesk","name":"IT-Helpdesk 24/7","timeZone":"UTC",
			  "hours":{"mon":["00:00","24:00"],"tue":["00:00","24:00"],"wed":["00:00","24:00"],
			    "thu":["00:00","24:00"],"fri":["00:00","24:00"],"sat":["00:00","24:00"],"sun":["00:00","24:00"]},
			  "steps":[{"group":"1st level","ringSeconds":240}],
			  "exitUrl":"https://help.example/","outOfHoursUrl":"https://help.example/","escalationUrl":"https://help.example/ticket"}`,
			probes: []probe{{at(0, 0, 0), Route}, {at(6, 23, 59), Route}, {at(3, 12, 0), Route}},
			plan:   []Ring{{"1st level", 0, 240}},
		},
		{
			name: "insurance, weekend duty, first group rung twice",
			json: `{"id":"42","embedId":"vers_wochenende","name":"Schadenmeldung","description":"Wochenenddienst",
			  "timeZone":"America/New_York",
			  "hours":{"mon":["00:00","00:00"],"tue":["00:00","00:00"],"wed":["00:00","00:00"],"thu":["00:00","00:00"],
			    "fri":["18:00","24:00"],"sat":["00:00","24:00"],"sun":["00:00","20:00"]},
			  "steps":[{"group":"Bereitschaft","ringSeconds":20},{"group":"Teamleitung","ringSeconds":20},{"group":"Bereitschaft","ringSeconds":20}],
			  "exitUrl":"http://vers.example:8080/ok","outOfHoursUrl":"https://vers.example/montag","escalationUrl":"https://vers.example/formular"}`,
			probes: []probe{{at(5, 17, 59), OutOfHours}, {at(5, 18, 0), Route}, {at(6, 3, 0), Route}, {at(0, 20, 0), OutOfHours}, {at(1, 10, 0), OutOfHours}},
			plan:   []Ring{{"Bereitschaft", 0, 20}, {"Teamleitung", 20, 40}, {"Bereitschaft", 40, 60}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flows, err := Parse([]byte(c.json))
			require.NoError(t, err)
			require.Len(t, flows, 1)
			f := &flows[0]
			for _, p := range c.probes {
				d := f.Decide(p.t)
				assert.Equal(t, p.kind, d.Kind, "%+v", p.t)
				if p.kind == OutOfHours {
					assert.Equal(t, f.OutOfHoursURL, d.URL)
				}
			}
			assert.Equal(t, c.plan, f.Plan())
			assert.Equal(t, c.plan[len(c.plan)-1].Until, f.EscalationAfter())
		})
	}
}

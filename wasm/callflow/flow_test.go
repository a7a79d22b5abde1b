package callflow

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func at(weekday, hour, minute int) LocalTime {
	return LocalTime{Weekday: weekday, Minute: hour*60 + minute}
}

func TestDecideEdges(t *testing.T) {
	f := dealer()
	f.Hours[0] = Hours{Start: 12 * 60, End: 12 * 60} // Sunday: closed, though not at 00:00
	f.Hours[3] = Hours{Start: 0, End: minutesPerDay} // Wednesday: around the clock
	cases := []struct {
		name string
		t    LocalTime
		open bool
	}{
		{"start minute is open", at(1, 8, 0), true},
		{"minute before start is closed", at(1, 7, 59), false},
		{"last minute before end is open", at(1, 17, 59), true},
		{"end minute is closed", at(1, 18, 0), false},
		{"Saturday's shorter hours", at(6, 12, 59), true},
		{"Saturday after 13:00", at(6, 13, 0), false},
		{"closed day at its start time", at(0, 12, 0), false},
		{"closed day all day", at(0, 15, 0), false},
		{"24:00 end: 23:59 open", at(3, 23, 59), true},
		{"00:00 start: midnight open", at(3, 0, 0), true},
		{"day after 24:00 keeps its own hours", at(4, 0, 0), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := f.Decide(c.t)
			assert.Equal(t, c.open, f.Open(c.t))
			if c.open {
				assert.Equal(t, Decision{Kind: Route, Steps: f.Steps}, d)
			} else {
				assert.Equal(t, Decision{Kind: OutOfHours, URL: f.OutOfHoursURL}, d)
			}
		})
	}
}

func TestDecideInvalidTime(t *testing.T) {
	f := dealer()
	for _, lt := range []LocalTime{{-1, 600}, {7, 600}, {1, -1}, {1, minutesPerDay}} {
		assert.False(t, lt.Valid())
		assert.False(t, f.Open(lt))
		assert.Equal(t, Decision{}, f.Decide(lt))
		assert.Equal(t, Invalid, f.Decide(lt).Kind)
	}
}

func TestDecideRouteSharesSteps(t *testing.T) {
	f := dealer()
	d := f.Decide(at(2, 10, 0))
	require.Equal(t, Route, d.Kind)
	assert.Same(t, &f.Steps[0], &d.Steps[0])
	assert.Empty(t, d.URL)
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "invalid", Invalid.String())
	assert.Equal(t, "route", Route.String())
	assert.Equal(t, "outOfHours", OutOfHours.String())
	assert.Equal(t, "invalid", Kind(9).String())
}

func TestPlan(t *testing.T) {
	cases := []struct {
		name  string
		steps []Step
		want  []Ring
	}{
		{"one step", []Step{{"Verkauf", 30}}, []Ring{{"Verkauf", 0, 30}}},
		{"two steps", []Step{{"Verkauf", 30}, {"Service", 45}},
			[]Ring{{"Verkauf", 0, 30}, {"Service", 30, 75}}},
		{"a group twice, at the limit", []Step{{"A", 100}, {"B", 40}, {"A", 100}},
			[]Ring{{"A", 0, 100}, {"B", 100, 140}, {"A", 140, 240}}},
		{"many one-second steps", []Step{{"A", 1}, {"B", 1}, {"C", 1}},
			[]Ring{{"A", 0, 1}, {"B", 1, 2}, {"C", 2, 3}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := dealer()
			f.Steps = c.steps
			require.NoError(t, f.Validate())
			assert.Equal(t, c.want, f.Plan())
			assert.Equal(t, c.want[len(c.want)-1].Until, f.EscalationAfter())
		})
	}
}

func TestPlanOfNoSteps(t *testing.T) {
	var f Flow
	assert.Empty(t, f.Plan())
	assert.Zero(t, f.EscalationAfter())
}

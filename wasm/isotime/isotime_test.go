package isotime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const refLayout = "2006-01-02T15:04:05.000Z"

func TestFormatMatchesPackageTime(t *testing.T) {
	cases := []int64{
		0, 1, -1, 999, 1000, 1620838164725, // 2021-05-12T16:49:24.725Z
		-86_400_000, -86_400_001, 951_782_400_000, // 2000-02-29
		4_107_542_399_999,  // 2100-02-28T23:59:59.999Z
		-2_208_988_800_000, // 1900-01-01
		MinMillis, MinMillis + 1, MaxMillis, MaxMillis - 1,
	}
	for _, ms := range cases {
		want := time.UnixMilli(ms).UTC().Format(refLayout)
		assert.Equal(t, want, Format(ms), "%d", ms)
		assert.Equal(t, "x"+want, string(Append([]byte("x"), ms)), "%d", ms)
	}
}

func TestFormatEveryDayOfSomeCenturies(t *testing.T) {
	// Day by day across leap-year rule boundaries (1600, 1700, 1900, 2000,
	// 2100) and the ends of the supported range, at a time of day that
	// exercises every field.
	spans := [][2]string{{"0001-01-01", "0005-01-01"}, {"1599-01-01", "1701-03-01"}, {"1899-06-01", "2101-03-31"}, {"9995-01-01", "9999-12-31"}}
	for _, span := range spans {
		from, err := time.Parse(time.DateOnly, span[0])
		require.NoError(t, err)
		to, err := time.Parse(time.DateOnly, span[1])
		require.NoError(t, err)
		for day := from.Add(13*time.Hour + 7*time.Minute + 5*time.Second + 42*time.Millisecond); !day.After(to); day = day.AddDate(0, 0, 1) {
			ms := day.UnixMilli()
			require.Equal(t, day.Format(refLayout), Format(ms))
			got, ok := Parse(Format(ms))
			require.True(t, ok)
			require.Equal(t, ms, got)
			date := day.Format(time.DateOnly)
			got, ok = Parse(date)
			require.True(t, ok, date)
			require.Equal(t, day.Truncate(24*time.Hour).UnixMilli(), got, date)
		}
	}
}

func TestFormatClampsOutOfRange(t *testing.T) {
	assert.Equal(t, "0001-01-01T00:00:00.000Z", Format(MinMillis-1))
	assert.Equal(t, "0001-01-01T00:00:00.000Z", Format(-1<<63))
	assert.Equal(t, "9999-12-31T23:59:59.999Z", Format(MaxMillis+1))
	assert.Equal(t, "9999-12-31T23:59:59.999Z", Format(1<<63-1))
}

func TestParseAccepts(t *testing.T) {
	cases := []struct{ in, utc string }{
		{"2021-05-12T16:49:24.725Z", "2021-05-12T16:49:24.725Z"},
		{"2021-05-12T16:49:24Z", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12T18:49:24+02:00", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12T18:49:24.7+0200", "2021-05-12T16:49:24.700Z"},
		{"2021-05-12T11:19:24.72-05:30", "2021-05-12T16:49:24.720Z"},
		{"2021-05-12T16:49:24.123456789Z", "2021-05-12T16:49:24.123Z"},
		{"2021-05-12T16:49:24.999999999999999999999Z", "2021-05-12T16:49:24.999Z"},
		{"2021-05-12T16:49:24.0000001Z", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12 16:49:24", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12 16:49:24.5", "2021-05-12T16:49:24.500Z"},
		{"2021-05-12T16:49:24", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12t16:49:24z", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12T16:49:24-00:00", "2021-05-12T16:49:24.000Z"},
		{"2021-05-12", "2021-05-12T00:00:00.000Z"},
		{"2024-02-29T00:00:00-05:00", "2024-02-29T05:00:00.000Z"},
		{"2000-02-29", "2000-02-29T00:00:00.000Z"},
		{"2021-01-01T00:30:00+01:00", "2020-12-31T23:30:00.000Z"},
		{"1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"},
		{"0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"},
		{"9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"},
		{"9999-12-31T23:59:59.999+23:59", "9999-12-31T00:00:59.999Z"},
	}
	for _, tc := range cases {
		want, err := time.Parse(refLayout, tc.utc)
		require.NoError(t, err, tc.utc)
		got, ok := Parse(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, want.UnixMilli(), got, tc.in)
		assert.Equal(t, tc.utc, Format(got), tc.in)
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{
		"", "yesterday", "2021", "2021-05", "2021-5-12", "21-05-12", "+2021-05-12", "2021/05/12",
		"0000-01-01", "2021-00-10", "2021-13-01", "2021-01-00", "2021-01-32", "2021-04-31",
		"2021-02-29", "2100-02-29", "2021-02-30",
		"2021-05-12T", "2021-05-12T16", "2021-05-12T16:49", "2021-05-12T16:49Z", "2021-05-12T1:49:24Z",
		"2021-05-12T24:00:00Z", "2021-05-12T16:60:00Z", "2021-05-12T16:49:60Z",
		"2021-05-12X16:49:24Z", "2021-05-12  16:49:24", "2021-05-12T16:49:24.Z", "2021-05-12T16:49:24.",
		"2021-05-12T16:49:24,5Z", "2021-05-12T16:49:24.5.5Z",
		"2021-05-12T16:49:24Zjunk", "2021-05-12T16:49:24 Z", "2021-05-12T16:49:24+02", "2021-05-12T16:49:24+2:00",
		"2021-05-12T16:49:24+02:0", "2021-05-12T16:49:24+24:00", "2021-05-12T16:49:24+02:60", "2021-05-12T16:49:24*02:00",
		"2021-05-12T16:49:24+02:00Z", "2021-05-12T16:49:24UTC", "2021-05-12Z", "2021-05-12 ",
		"0001-01-01T00:00:00+00:01", // before year 1 in UTC
		"9999-12-31T23:59:59-00:01", // after year 9999 in UTC
		"२०२१-05-12",                // non-ASCII digits
	} {
		ms, ok := Parse(s)
		assert.False(t, ok, s)
		assert.Zero(t, ms, s)
	}
}

func TestParseAgreesWithPackageTime(t *testing.T) {
	// Every input here is valid for both; package time is the reference.
	for _, s := range []string{
		"2021-05-12T16:49:24.725Z", "2021-05-12T18:49:24+02:00", "2021-05-12T18:49:24.123456-07:45",
		"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9999Z", "1600-02-29T12:00:00+14:00", "0001-01-01T23:59:59-23:59",
	} {
		ref, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err, s)
		got, ok := Parse(s)
		assert.True(t, ok, s)
		assert.Equal(t, ref.UnixMilli(), got, s)
	}
}

func TestAppendAllocatesNothing(t *testing.T) {
	buf := make([]byte, 0, 32)
	allocs := testing.AllocsPerRun(100, func() { buf = Append(buf[:0], 1620838164725) })
	assert.Zero(t, allocs)
	assert.Equal(t, "2021-05-12T16:49:24.725Z", string(buf))
	allocs = testing.AllocsPerRun(100, func() { _, _ = Parse("2021-05-12T18:49:24.7+02:00") })
	assert.Zero(t, allocs)
}

func BenchmarkAppend(b *testing.B) {
	buf := make([]byte, 0, 32)
	for b.Loop() {
		buf = Append(buf[:0], 1620838164725)
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		_, _ = Parse("2021-05-12T18:49:24.725+02:00")
	}
}

package isotime

const (
	msPerSecond = 1000
	msPerMinute = 60 * msPerSecond
	msPerHour   = 60 * msPerMinute
	msPerDay    = 24 * msPerHour

	// MinMillis is 0001-01-01T00:00:00.000Z, the earliest supported instant.
	MinMillis int64 = -62135596800000
	// MaxMillis is 9999-12-31T23:59:59.999Z, the latest supported instant.
	MaxMillis int64 = 253402300799999
)

// Append appends ms (Unix milliseconds, UTC) as "2021-05-12T16:49:24.725Z":
// always millisecond precision, always Z. Values outside
// [MinMillis, MaxMillis] are clamped to that range, so the output is always
// a valid timestamp that Parse reads back.
func Append(dst []byte, ms int64) []byte {
	ms = min(max(ms, MinMillis), MaxMillis)
	days := floorDiv(ms, msPerDay)
	rem := ms - days*msPerDay
	y, m, d := civilFromDays(days)
	// Fill a fixed layout and append it once: cheaper than appending field
	// by field.
	b := [...]byte{'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T',
		'0', '0', ':', '0', '0', ':', '0', '0', '.', '0', '0', '0', 'Z'}
	putDigits(b[0:4], y)
	putDigits(b[5:7], m)
	putDigits(b[8:10], d)
	putDigits(b[11:13], rem/msPerHour)
	putDigits(b[14:16], rem/msPerMinute%60)
	putDigits(b[17:19], rem/msPerSecond%60)
	putDigits(b[20:23], rem%msPerSecond)
	return append(dst, b[:]...)
}

// Format returns Append(nil, ms) as a string.
func Format(ms int64) string {
	var buf [24]byte
	return string(Append(buf[:0], ms))
}

// putDigits writes v (0 <= v < 10^len(b)) into b, zero-padded.
func putDigits(b []byte, v int64) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}

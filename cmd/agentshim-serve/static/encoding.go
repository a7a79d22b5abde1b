package static

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// encoding is a content coding we may have a precompressed sibling for.
type encoding struct {
	name   string // the Content-Encoding token
	suffix string // the sibling file's extension
}

// known lists the codings in our order of preference when the client rates
// them equally: brotli files are smaller.
var known = []encoding{{"br", ".br"}, {"gzip", ".gz"}}

// acceptable returns the codings of known that the Accept-Encoding header
// allows, best first. It follows RFC 9110 §12.5.3: a q-value of 0 refuses,
// "*" rates every coding not named, and "x-gzip" means gzip. A missing header
// allows nothing but the identity, which is always our fallback.
func acceptable(header string) []encoding {
	q := map[string]float64{}
	star := -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, weight, ok := parseCoding(part)
		if !ok {
			continue
		}
		switch name {
		case "*":
			star = weight
		case "x-gzip":
			q["gzip"] = weight
		default:
			q[name] = weight
		}
	}
	type rated struct {
		enc encoding
		q   float64
	}
	var list []rated
	for _, e := range known {
		w, named := q[e.name]
		if !named {
			w = star
		}
		if w > 0 {
			list = append(list, rated{e, w})
		}
	}
	// Stable: equal ratings keep the order of known.
	slices.SortStableFunc(list, func(a, b rated) int { return cmp.Compare(b.q, a.q) })
	out := make([]encoding, len(list))
	for i, r := range list {
		out[i] = r.enc
	}
	return out
}

// parseCoding splits one "token;q=0.5" element. A malformed q-value makes the
// element void rather than guessing what the client meant.
func parseCoding(part string) (name string, q float64, ok bool) {
	name, params, _ := strings.Cut(part, ";")
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return "", 0, false
	}
	q = 1
	for p := range strings.SplitSeq(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return "", 0, false
		}
		q = f
	}
	return name, q, true
}

package webhook

import (
	"strings"

	"github.com/agentshim/agentshim/wasm/callflow"
	"github.com/agentshim/agentshim/wasm/jsonx"
)

// Endpoint is where one webhook goes; an empty URL means it is not sent.
type Endpoint struct {
	URL     string
	Headers []Header
}

// Config is the checked `webhooks` start option.
type Config struct {
	Start, End Endpoint
}

// Enabled reports whether any webhook is configured.
func (c *Config) Enabled() bool { return c.Start.URL != "" || c.End.URL != "" }

// ParseConfig reads the `webhooks` option as JSON:
//
//	{"start": {"url": "/hooks/start-call", "headers": "X-Token: abc\nX-Site: shop"},
//	 "end":   {"url": "https://crm.example/hooks/end-call", "headers": {"X-Token": "abc"}}}
//
// Either webhook may be left out, not both. headers is the vendor's text (one
// "Name: value" per line) or an object of names and values. A URL that is a
// path ("/hooks/start") is taken on origin, the page's scheme://host[:port];
// any other URL must be absolute http or https.
func ParseConfig(doc []byte, origin string) (Config, *Error) {
	var c Config
	v, err := jsonx.Parse(doc)
	if err != nil || v.Kind() != jsonx.Object {
		return c, bad("webhooks", `must be an object {start: {url, headers}, end: {url, headers}}`)
	}
	var e *Error
	v.ForEach(func(raw []byte, val jsonx.Value) bool {
		switch {
		case jsonx.KeyEq(raw, "start") && c.Start.URL == "":
			c.Start, e = endpoint(val, "webhooks.start", origin)
		case jsonx.KeyEq(raw, "end") && c.End.URL == "":
			c.End, e = endpoint(val, "webhooks.end", origin)
		default:
			e = bad("webhooks."+quote(string(jsonx.AppendUnescaped(nil, raw))),
				"is not a webhook (or appears twice); use start and end")
		}
		return e == nil
	})
	if e == nil && !c.Enabled() {
		e = bad("webhooks", "names no webhook; give start, end or both")
	}
	if e != nil {
		return Config{}, e
	}
	return c, nil
}

func endpoint(v jsonx.Value, path, origin string) (Endpoint, *Error) {
	var ep Endpoint
	if v.Kind() != jsonx.Object {
		return ep, bad(path, "must be an object {url, headers}")
	}
	var e *Error
	v.ForEach(func(raw []byte, val jsonx.Value) bool {
		switch {
		case jsonx.KeyEq(raw, "url") && ep.URL == "":
			ep.URL, e = endpointURL(val, path+".url", origin)
		case jsonx.KeyEq(raw, "headers") && ep.Headers == nil:
			ep.Headers, e = headers(val, path+".headers")
		default:
			e = bad(path+"."+quote(string(jsonx.AppendUnescaped(nil, raw))), "is not known (or appears twice); use url and headers")
		}
		return e == nil
	})
	if e == nil && ep.URL == "" {
		e = bad(path+".url", "is missing")
	}
	return ep, e
}

func endpointURL(v jsonx.Value, field, origin string) (string, *Error) {
	s, ok := v.Text()
	if v.Kind() != jsonx.String || !ok {
		return "", bad(field, "must be a string")
	}
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		if origin == "" {
			return "", bad(field, "is a path, but the page has no origin to take it on; give an absolute URL")
		}
		s = origin + s
	}
	if err := callflow.CheckURL(field, s); err != nil {
		return "", bad(field, err.(*callflow.Error).Msg+" (or a path starting with /)")
	}
	return s, nil
}

// headers reads the text form or the object form; both end in the same
// checks, so a value with a line break is refused in either.
func headers(v jsonx.Value, field string) ([]Header, *Error) {
	switch v.Kind() {
	case jsonx.Null:
		return []Header{}, nil
	case jsonx.String:
		hs, e := ParseHeaders(field, v.String())
		if hs == nil && e == nil {
			hs = []Header{}
		}
		return hs, e
	case jsonx.Object:
	default:
		return nil, bad(field, `must be text ("Name: value" per line) or an object {"Name": "value"}`)
	}
	hs := []Header{}
	var e *Error
	v.ForEach(func(raw []byte, val jsonx.Value) bool {
		h := Header{Name: string(jsonx.AppendUnescaped(nil, raw))}
		at := field + "." + quote(h.Name)
		if val.Kind() != jsonx.String {
			e = bad(at, "must be a string value")
			return false
		}
		h.Value = val.String()
		if e = checkHeader(at, h); e != nil {
			return false
		}
		var ok bool
		if hs, ok = add(hs, h); !ok {
			e = bad(at, "repeats a header name (names are case-insensitive)")
		}
		return e == nil
	})
	if e == nil && len(hs) > maxHeaders {
		e = bad(field, "has more than 32 headers")
	}
	return hs, e
}

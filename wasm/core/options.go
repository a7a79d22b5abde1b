package core

import (
	"strings"

	"github.com/agentshim/agentshim/wasm/ascii"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

// Options are the start options the Go core uses. The loader's own options
// (wasm URL, persistence, the Whisbi hook...) stay in JavaScript. Field tags
// are the option names, as norunners/vert reads them from the JS object.
type Options struct {
	DefaultRegion    string `js:"defaultRegion"`
	CommandTimeoutMs int    `js:"commandTimeoutMs"`
	VendorTimeoutMs  int    `js:"vendorTimeoutMs"`
	Redact           bool   `js:"redact"`
	TraceLimit       int    `js:"traceLimit"`

	// The video-call embed's options, read by hand (they are JSON documents).
	CallFlows    []byte // the callFlows option as JSON, when given inline
	CallFlowsURL string // ...or the URL the embed fetches them from
	Webhooks     []byte // the webhooks option as JSON
	Origin       string // the page's origin, for webhook URLs given as paths
}

// OptionNames lists every start option of the facade contract (and the ones
// agentshim adds); anything else is refused with BAD_INPUT naming it.
var OptionNames = []string{"wasm", "persist", "autostart", "mluvii", "tabs", "defaultRegion", "commandTimeoutMs",
	"vendorTimeoutMs", "redact", "traceLimit", "whisbi", "callFlows", "webhooks", "telemarketing"}

// CheckNames refuses option names agentshim does not know.
func CheckNames(names []string) *machine.Error {
	for _, n := range names {
		known := false
		for _, k := range OptionNames {
			known = known || k == n
		}
		if !known {
			return &machine.Error{Code: machine.BadInput, Message: "unknown start option " + quote(n) +
				"; known options are " + strings.Join(OptionNames, ", ")}
		}
	}
	return nil
}

// Validate checks option values.
func (o *Options) Validate() *machine.Error {
	bad := func(msg string) *machine.Error { return &machine.Error{Code: machine.BadInput, Message: msg} }
	switch {
	case o.DefaultRegion != "" && !validRegion(o.DefaultRegion):
		return bad("defaultRegion " + quote(o.DefaultRegion) + " is not a region agentshim can normalize numbers for; use an ISO 3166 code such as CZ")
	case o.CommandTimeoutMs < 0 || o.CommandTimeoutMs > 600_000:
		return bad("commandTimeoutMs must be between 0 (default 10000) and 600000")
	case o.VendorTimeoutMs < 0 || o.VendorTimeoutMs > 600_000:
		return bad("vendorTimeoutMs must be between 0 (default 2000) and 600000")
	case o.TraceLimit < 0 || o.TraceLimit > 1_000_000:
		return bad("traceLimit must be between 0 (default 20000) and 1000000")
	}
	o.DefaultRegion = ascii.Upper(o.DefaultRegion)
	return nil
}

func validRegion(r string) bool {
	_, ok := phone.CallingCode(ascii.Upper(r))
	return ok
}

func quote(s string) string { return "'" + s + "'" }

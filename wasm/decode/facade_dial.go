package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

const dialOptions = "the options are callData, serviceId, callProfileId and campaignId"

// dialArgs reads dial(number, options?). The number reaches the vendor only
// in E.164 form; a number that does not normalize is refused here, with the
// number masked in the text.
func (d *Decoder) dialArgs(in *machine.Input, args []jsonx.Value) string {
	if args[0].Kind() != jsonx.String {
		return "number must be a string, not " + args[0].Kind().String() +
			"; pass it as text in international form (+<country code>...)"
	}
	raw, _ := d.text(args[0])
	e164, ok := phone.Normalize(raw, d.opts.DefaultRegion)
	if !ok {
		return d.badNumber(raw)
	}
	in.Number = e164
	if len(args) < 2 {
		return ""
	}
	return d.dialOptions(in, args[1])
}

func (d *Decoder) badNumber(raw string) string {
	if raw == "" {
		return "number is empty; pass the customer's number in international form (+<country code>...)"
	}
	msg := quote(phone.Mask(raw)) + " is not a valid phone number"
	region := d.opts.DefaultRegion
	cc, known := phone.CallingCode(region)
	switch {
	case region == "":
		return msg + "; pass it in international form (+<country code>...), or set defaultRegion " +
			"to dial national numbers"
	case !known:
		return msg + " for region " + region + "; pass it in international form (+<country code>...)"
	}
	return msg + " for region " + region + "; pass it in international form (+" + cc + "...)"
}

func (d *Decoder) dialOptions(in *machine.Input, opts jsonx.Value) string {
	if opts.Kind() != jsonx.Object {
		return "options must be an object, not " + opts.Kind().String() + "; " + dialOptions
	}
	msg := ""
	opts.ForEach(func(k []byte, f jsonx.Value) bool {
		switch {
		case jsonx.KeyEq(k, "callData"):
			msg = d.dialCallData(in, f)
		case jsonx.KeyEq(k, "serviceId"):
			in.ServiceID, msg = d.idOption("serviceId", f)
		case jsonx.KeyEq(k, "callProfileId"):
			in.CallProfileID, msg = d.idOption("callProfileId", f)
		case jsonx.KeyEq(k, "campaignId"):
			in.CampaignID, msg = d.idOption("campaignId", f)
		default:
			msg = "unknown option " + quote(d.key(k)) + "; " + dialOptions
		}
		return msg == ""
	})
	return msg
}

// idOption reads an id option: a string, or a number taken as its text.
func (d *Decoder) idOption(name string, v jsonx.Value) (string, string) {
	switch v.Kind() {
	case jsonx.Null:
		return "", ""
	case jsonx.String, jsonx.Number:
		s, _ := d.text(v)
		return s, ""
	}
	return "", name + " must be a string, not " + v.Kind().String()
}

// dialCallData reads callData: an object of string values, kept in the
// order written (the vendor receives them as key=value pairs).
func (d *Decoder) dialCallData(in *machine.Input, v jsonx.Value) string {
	switch v.Kind() {
	case jsonx.Null:
		return ""
	case jsonx.Object:
	default:
		return "callData must be an object of string values such as {ECID: '...'}, not " + v.Kind().String()
	}
	start, msg := len(d.kv), ""
	v.ForEach(func(k []byte, f jsonx.Value) bool {
		key := d.key(k)
		if key == "" {
			msg = "callData has an empty key; every call-data variable needs a name"
			return false
		}
		if f.Kind() != jsonx.String {
			msg = "callData." + key + " must be a string, not " + f.Kind().String() + "; convert it first (e.g. String(x))"
			return false
		}
		val, _ := d.text(f)
		d.kv = append(d.kv, machine.KV{Key: key, Value: val})
		return true
	})
	in.Data = d.data(start)
	return msg
}

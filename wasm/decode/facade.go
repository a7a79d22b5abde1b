package decode

import (
	"github.com/agentshim/agentshim/wasm/jsonx"
	"github.com/agentshim/agentshim/wasm/machine"
	"github.com/agentshim/agentshim/wasm/phone"
)

// maxArgs is the most arguments any facade command takes.
const maxArgs = 3

// signature is a command's argument count and how it is called, for texts.
type signature struct {
	min, max int
	usage    string
}

var signatures = [...]signature{
	machine.CmdLogin:     {0, 0, "login()"},
	machine.CmdPause:     {0, 1, "pause(reason?)"},
	machine.CmdLogout:    {0, 0, "logout()"},
	machine.CmdSetGroups: {1, 1, "setGroups(['groupId', ...])"},
	machine.CmdDial:      {1, 2, "dial(number, {callData?, serviceId?, callProfileId?, campaignId?})"},
	machine.CmdAnswer:    {1, 1, "answer(id)"},
	machine.CmdHangup:    {1, 1, "hangup(id)"},
	machine.CmdHold:      {1, 1, "hold(id)"},
	machine.CmdResume:    {1, 1, "resume(id)"},
	machine.CmdDTMF:      {2, 2, "dtmf(id, digits)"},
	machine.CmdRecord:    {2, 2, "record(id, on)"},
	machine.CmdSetData:   {3, 3, "setData(id, key, value)"},
	machine.CmdWrapup:    {2, 2, "wrapup(id, {outcome, end?})"},
}

const commandList = "login, pause, logout, setGroups, dial, answer, hangup, hold, resume, dtmf, record, setData, wrapup"

// facade decodes a facade command: the name is the command, the payload the
// JSON array of its arguments as the JS facade received them. Bad arguments
// still make one OpCommand, carrying BAD_INPUT, so that the command's promise
// is rejected with a text that says what to fix.
func (d *Decoder) facade() {
	if d.r.Name == "tick" { // the loader's timer: time passed, pending commands may time out
		d.add(machine.OpTick)
		return
	}
	in := d.add(machine.OpCommand) // the only input: in stays valid
	cmd, ok := machine.ParseCmd(d.r.Name)
	if !ok {
		in.Err = machine.BadInput
		in.Text = phone.Mask("unknown command " + quote(d.r.Name) + "; the commands are " + commandList)
		return
	}
	in.Cmd = cmd
	var args [maxArgs]jsonx.Value
	n, msg := d.args(&args, signatures[cmd])
	if msg == "" {
		msg = d.command(in, args[:n])
	}
	if msg != "" {
		in.Err = machine.BadInput
		in.Text = phone.Mask(d.r.Name + ": " + msg)
	}
}

// args reads the argument array into args and checks its length. Trailing
// nulls are dropped: JSON.stringify turns a trailing undefined into null.
func (d *Decoder) args(args *[maxArgs]jsonx.Value, sig signature) (int, string) {
	doc := d.r.Payload
	if len(doc) == 0 {
		doc = nullDoc
	}
	v, err := jsonx.Parse(doc)
	switch {
	case err != nil:
		return 0, "the arguments are not valid JSON (" + err.Error() + "); call " + sig.usage
	case v.Kind() == jsonx.Null:
		return 0, checkCount(0, sig)
	case v.Kind() != jsonx.Array:
		return 0, "the arguments must be a JSON array, not " + v.Kind().String() + "; call " + sig.usage
	}
	n, last := 0, 0
	v.ForEach(func(_ []byte, a jsonx.Value) bool {
		if n < maxArgs {
			args[n] = a
		}
		n++
		if a.Kind() != jsonx.Null {
			last = n
		}
		return true
	})
	return last, checkCount(last, sig)
}

func checkCount(n int, sig signature) string {
	if n >= sig.min && n <= sig.max {
		return ""
	}
	want := jsonx.Itoa(sig.min)
	if sig.max != sig.min {
		want += " to " + jsonx.Itoa(sig.max)
	}
	return "takes " + want + " argument(s), got " + jsonx.Itoa(n) + "; call " + sig.usage
}

// command fills in the command's fields from its (count-checked) arguments
// and returns what is wrong with them, or "".
func (d *Decoder) command(in *machine.Input, args []jsonx.Value) string {
	switch in.Cmd {
	case machine.CmdLogin, machine.CmdLogout:
		return ""
	case machine.CmdPause:
		return d.pauseArgs(in, args)
	case machine.CmdSetGroups:
		return d.groupArgs(in, args[0])
	case machine.CmdDial:
		return d.dialArgs(in, args)
	}
	id, msg := d.contactArg(args[0])
	in.ContactID = id
	if msg != "" || len(args) == 1 {
		return msg
	}
	switch in.Cmd {
	case machine.CmdDTMF:
		return d.dtmfArgs(in, args[1])
	case machine.CmdRecord:
		on, ok := args[1].Bool()
		if !ok {
			return "on must be true or false, not " + args[1].Kind().String()
		}
		in.On = on
		return ""
	case machine.CmdSetData:
		return d.setDataArgs(in, args[1], args[2])
	}
	return d.wrapupArgs(in, args[1])
}

func (d *Decoder) pauseArgs(in *machine.Input, args []jsonx.Value) string {
	if len(args) == 0 {
		return ""
	}
	if args[0].Kind() != jsonx.String {
		return "reason must be a pause substate code string such as 'LUNCH', not " + args[0].Kind().String()
	}
	in.Reason, _ = d.text(args[0])
	return ""
}

func (d *Decoder) groupArgs(in *machine.Input, ids jsonx.Value) string {
	const usage = "ids must be an array of group id strings, e.g. setGroups(['sales', 'support'])"
	if ids.Kind() != jsonx.Array {
		return usage + ", not " + ids.Kind().String()
	}
	msg := ""
	ids.ForEach(func(_ []byte, e jsonx.Value) bool {
		id, _ := d.text(e)
		if e.Kind() != jsonx.String || id == "" {
			msg = usage + "; one of them is " + d.shown(e)
			return false
		}
		d.groups = append(d.groups, id)
		return true
	})
	in.Groups = d.groups[:len(d.groups):len(d.groups)]
	return msg
}

// contactArg reads a contact id argument.
func (d *Decoder) contactArg(v jsonx.Value) (string, string) {
	id, _ := d.text(v)
	if v.Kind() != jsonx.String || id == "" {
		return "", "id must be a contact id string as contacts() lists them, not " + d.shown(v)
	}
	return id, ""
}

// dtmfDigits are the tones a phone keypad (with the A-D column) can play.
func dtmfDigit(c byte) bool {
	return '0' <= c && c <= '9' || c == '*' || c == '#' || 'A' <= c && c <= 'D'
}

func (d *Decoder) dtmfArgs(in *machine.Input, v jsonx.Value) string {
	const rule = "digits must be 1 to 64 of 0-9, *, # and A-D"
	s, _ := d.text(v)
	if v.Kind() != jsonx.String {
		return rule + ", as a string, not " + v.Kind().String()
	}
	if len(s) == 0 || len(s) > 64 {
		return rule + "; got " + jsonx.Itoa(len(s)) + " characters"
	}
	for i := 0; i < len(s); i++ {
		if !dtmfDigit(s[i]) {
			return rule + "; " + quote(s) + " has " + quote(s[i:i+1]) + " at position " + jsonx.Itoa(i+1)
		}
	}
	in.Digits = s
	return ""
}

func (d *Decoder) setDataArgs(in *machine.Input, k, v jsonx.Value) string {
	key, _ := d.text(k)
	if k.Kind() != jsonx.String || key == "" {
		return "key must be a non-empty string, not " + d.shown(k)
	}
	if v.Kind() != jsonx.String {
		return "value must be a string, not " + v.Kind().String() + "; convert it first (e.g. String(x))"
	}
	in.Key = key
	in.Value, _ = d.text(v)
	return ""
}

func (d *Decoder) wrapupArgs(in *machine.Input, opts jsonx.Value) string {
	const usage = "options must be {outcome: string, end?: boolean}"
	if opts.Kind() != jsonx.Object {
		return usage + ", not " + opts.Kind().String()
	}
	msg := ""
	opts.ForEach(func(k []byte, f jsonx.Value) bool {
		switch {
		case jsonx.KeyEq(k, "outcome"):
			if f.Kind() != jsonx.String {
				msg = "outcome must be a string, not " + f.Kind().String()
			}
			in.Outcome, _ = d.text(f)
		case jsonx.KeyEq(k, "end"):
			b, ok := f.Bool()
			if !ok && f.Kind() != jsonx.Null {
				msg = "end must be true or false, not " + f.Kind().String()
			}
			in.End = b
		default:
			msg = "unknown option " + quote(d.key(k)) + "; " + usage
		}
		return msg == ""
	})
	if msg == "" && in.Outcome == "" {
		msg = "outcome is missing or empty; pass the call's result, e.g. {outcome: 'SALE'}"
	}
	return msg
}

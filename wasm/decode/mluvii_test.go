package decode

import (
	"testing"

	"github.com/agentshim/agentshim/wasm/machine"
)

func TestMluvii(t *testing.T) {
	chat := func(op machine.Op) machine.Input {
		return machine.Input{Op: op, Widget: "NewWidget", Channel: machine.Chat, Direction: machine.Inbound}
	}
	rows := []row{
		{"status", `{"widget":"NewWidget","code":0}`, []machine.Input{{Op: machine.OpWidgetStatus, Widget: "NewWidget"}}},
		{"status", `{"widget":"Ceniky","code":1}`, []machine.Input{{Op: machine.OpWidgetStatus, Widget: "Ceniky", Status: 1}}},
		{"status", `{"widget":"NewWidget","code":2}`, []machine.Input{{Op: machine.OpWidgetStatus, Widget: "NewWidget", Status: 2}}},
		// The machine, not the decoder, rejects codes mluvii does not document.
		{"status", `{"widget":"NewWidget","code":7}`, []machine.Input{{Op: machine.OpWidgetStatus, Widget: "NewWidget", Status: 7}}},
		{"status", `{"widget":"NewWidget","code":256}`, []machine.Input{bad("not a status code")}},
		{"status", `{"widget":"NewWidget","code":-1}`, []machine.Input{bad("not a status code")}},
		{"status", `{"widget":"NewWidget","code":1.5}`, []machine.Input{bad("not a status code")}},
		{"status", `{"widget":"NewWidget","code":"1"}`, []machine.Input{bad("not a status code")}},
		{"status", `{"widget":"NewWidget"}`, []machine.Input{bad("the status code is nothing, not a status code")}},
		{"status", `{"code":1}`, []machine.Input{bad("names no widget")}},
		{"status", `{"widget":"","code":1}`, []machine.Input{bad("names no widget")}},
		{"status", `1`, []machine.Input{bad("must be a JSON object")}},
		{"chatWindowOpen", `{"widget":"NewWidget","type":"chatWindowOpen"}`, []machine.Input{{Op: machine.OpWidgetOpen, Widget: "NewWidget"}}},
		{"chatWindowClosed", `{"widget":"NewWidget"}`, []machine.Input{{Op: machine.OpWidgetClosed, Widget: "NewWidget"}}},
		{"chatSessionCreated", `{"widget":"NewWidget"}`, []machine.Input{chat(machine.OpContactQueued)}},
		{"chatSessionStarted", `{"widget":"NewWidget"}`, []machine.Input{chat(machine.OpContactConnected)}},
		{"chatSessionEnded", `{"widget":"NewWidget"}`, []machine.Input{chat(machine.OpContactEnded)}},
		{"chatSessionEnded", `null`, []machine.Input{bad("must be a JSON object")}},
		{"chatSessionEnded", `{"widget":["NewWidget"]}`, []machine.Input{bad("names no widget")}},
		{"chatTransferred", `{"widget":"NewWidget"}`, []machine.Input{{Op: machine.OpUnknown}}},
		{"ChatWindowOpen", `{"widget":"NewWidget"}`, []machine.Input{{Op: machine.OpUnknown}}},
	}
	checkRows(t, machine.VendorMluvii, rows)
}

package machine

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// inputsFrom turns fuzz bytes into a sequence of inputs over a few contacts,
// widgets and commands, so the fuzzer explores orders no vendor documents.
func inputsFrom(data []byte) []Input {
	ids := []string{"a", "b", "c"}
	var ins []Input
	at := Millis(1_600_000_000_000)
	for i := 0; i+2 < len(data); i += 3 {
		op, arg, dt := data[i], data[i+1], data[i+2]
		at += Millis(dt) * 100
		in := Input{Op: Op(op % uint8(numOps)), At: at, Vendor: Vendor(1 + arg%6), ContactID: ids[arg%3],
			Reason: []string{"", "LUNCH", "noAgents"}[arg%3], Status: arg % 4, Text: "k" + itoa(int(arg%2)),
			Key: ids[arg%2], When: Millis(arg) * 1000}
		if arg&0x40 != 0 {
			in.Widget, in.ContactID = "W"+itoa(int(arg%2)), ""
		}
		if arg&0x80 != 0 {
			in.Data = []KV{{"ECID", itoa(int(dt % 3))}}
		}
		if in.Op == OpCommand {
			in.Cmd, in.CmdID = Cmd(dt%uint8(numCmds)), uint32(i+1)
			in.Number, in.Outcome, in.End, in.Groups = "+420777666555", "OK", arg&1 == 0, []string{"g"}
		}
		ins = append(ins, in)
	}
	return ins
}

func FuzzSequences(f *testing.F) {
	f.Add([]byte{byte(OpAgentReady), 1, 1, byte(OpContactOffered), 1, 1, byte(OpContactConnected), 1, 1,
		byte(OpContactCleared), 1, 1, byte(OpContactDeleted), 1, 1})
	f.Add([]byte{byte(OpContactQueued), 0x41, 1, byte(OpContactConnected), 0x41, 1, byte(OpContactEnded), 0x41, 1})
	f.Add([]byte{byte(OpCommand), 1, byte(CmdLogin), byte(OpAgentReady), 1, 1, byte(OpCommand), 1, byte(CmdDial),
		byte(OpContactDialing), 1, 1, byte(OpTick), 0, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		m := New(Config{})
		var seq uint64
		deleted := map[string]bool{}
		for _, in := range inputsFrom(data) {
			out := m.Step(&in)
			for _, e := range out.Events {
				seq++
				require.Equal(t, seq, e.Seq, "seq strictly increasing without gaps")
				if e.Type == EvContactRemoved {
					deleted[e.ContactID] = true
				}
				if e.Type == EvContact {
					delete(deleted, e.ContactID)
				}
			}
			for _, r := range out.Replies {
				require.NotZero(t, r.CmdID)
			}
			checkInvariants(t, m)
		}
		for id := range deleted {
			require.Nil(t, m.Contact(id), "deleted contact %s is gone", id)
		}
		s := m.Snapshot()
		m2, err := Restore(Config{}, s)
		require.NoError(t, err)
		require.Equal(t, s, m2.Snapshot(), "snapshot round-trips")
	})
}

// checkInvariants verifies what must hold after every step. Plain checks,
// not testify: it runs after every input of every fuzz case.
func checkInvariants(t *testing.T, m *Machine) {
	busy, wrap := 0, 0
	if len(m.list) != len(m.contacts) {
		t.Fatalf("list has %d contacts, map %d", len(m.list), len(m.contacts))
	}
	for _, c := range m.list {
		switch {
		case m.contacts[c.ID] != c:
			t.Fatalf("contact %s: list and map disagree", c.ID)
		case c.State == StateNone || c.State >= numStates:
			t.Fatalf("contact %s in invalid state %d", c.ID, c.State)
		case c.State == Ended && (c.EndedAt == 0 || c.EndReason == ""):
			t.Fatalf("ended contact %s lacks endedAt or endReason", c.ID)
		}
		if c.Vendor == VendorCTT7 || c.Vendor == VendorTelemarketing {
			if c.State.Busy() {
				busy++
			} else if c.State == Wrapup {
				wrap++
			}
		}
	}
	if busy != m.busy || wrap != m.wrapups {
		t.Fatalf("tallies busy=%d wrapup=%d, counted %d and %d", m.busy, m.wrapups, busy, wrap)
	}
	if m.effective() != m.agent.State || m.agent.Availability > Paused {
		t.Fatalf("agent %+v inconsistent", m.agent)
	}
}

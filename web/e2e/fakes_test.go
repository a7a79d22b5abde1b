package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The vendor fakes (web/fakes) were tested under Node only; these tests run
// them in Chromium, loaded the way a page loads them, under the strict CSP.

func TestMain(m *testing.M) { Main(m) }

// webServer serves web/ at / (so /fakes/... and /e2e/testdata/...), as
// cmd/agentshim-serve does.
func webServer(t *testing.T) *Server {
	return StartServer(t, map[string]string{"/": "web"})
}

// jsString quotes s as a JavaScript string literal.
func jsString(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

// assertCleanPage checks that the page threw nothing, logged no error and
// violated no CSP directive.
func assertCleanPage(t *testing.T, tab *Tab) {
	t.Helper()
	assert.Empty(t, tab.Exceptions(), "exceptions")
	assert.Empty(t, tab.CSPViolations(), "CSP violations")
	for _, line := range tab.Console() {
		assert.False(t, strings.HasPrefix(line, "error"), "console error: %s", line)
	}
}

// docSampleEvents reads the event names of the SDK documentation's sample
// log ("12/05/2021 - 16:49:24.725: JOBSCHEDULED [32-60536353@...]").
func docSampleEvents(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/ctt7-doc-sample.log")
	require.NoError(t, err)
	defer f.Close()
	event := regexp.MustCompile(`^\d\d/\d\d/\d{4} - [\d:.]+: ([A-Z]+) \[[^\]]+\]$`)
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := event.FindStringSubmatch(strings.TrimSpace(sc.Text())); m != nil {
			names = append(names, m[1])
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, names, 15, "the sample log has 15 events")
	return names
}

func TestCTT7InboundMatchesVendorSampleLog(t *testing.T) {
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/ctt7.html"))

	var id string
	tab.Eval(`CTT7Fake.inbound({ani: '0212345678', dnis: '800100200'})`, &id)
	require.NotEmpty(t, id)
	q := jsString(t, id)
	// Each command is fire-and-forget; flush() waits for its events.
	tab.Eval(`CTT7Fake.flush()`, nil)
	tab.Eval(`TOOLBAR.CONTACT.Answer(`+q+`), CTT7Fake.flush()`, nil)
	tab.Eval(`TOOLBAR.CONTACT.Hangup(`+q+`), CTT7Fake.flush()`, nil)
	var info struct {
		Result bool `json:"result"`
	}
	tab.Eval(`TOOLBAR.EASYCIM.getContactInfo()`, &info)
	assert.True(t, info.Result, "getContactInfo found the contact")
	tab.Eval(`TOOLBAR.EASYCIM.saveScript(`+q+`, 'OK', true), CTT7Fake.flush()`, nil)

	var log []struct{ Name, ID string }
	tab.Eval(`window.ctt7Log`, &log)
	var names []string
	for _, e := range log {
		names = append(names, strings.ToUpper(e.Name))
		assert.Equal(t, id, e.ID, "every event of the call names the same contact, as in the sample")
	}
	assert.Equal(t, docSampleEvents(t), names)

	var left int
	tab.Eval(`CTT7Fake.contacts().length`, &left)
	assert.Zero(t, left, "saveScript(..., true) in after-call work ends the contact")
	assertCleanPage(t, tab)
}

func TestCTT7GetterQuirkInChromium(t *testing.T) {
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/ctt7.html"))

	var seen struct {
		First, Second, Third, AgentID string
		Groups                        []struct{ ID string }
	}
	tab.Eval(`(async () => {
		const c = {CallData: [{name: 'ECID', value: 'felixct7|1|171|40'}, {name: 'k2', value: 'v2'}]};
		const seen = {first: 'pending'};
		TOOLBAR.CONTACT.GetCallDataValueByName(c, 'ECID').then((v) => { seen.first = v; });
		seen.second = await TOOLBAR.CONTACT.GetCallDataValueByName(c, 'k2');
		await CTT7Fake.flush();
		await new Promise((r) => setTimeout(r, 100)); // a real timer, not only the fake's queue
		seen.third = await TOOLBAR.CONTACT.GetCallDataValueByName(c, 'k2');
		TOOLBAR.AGENT.setAgentGroups(['101']);
		[seen.agentID, seen.groups] = await Promise.all(
			[TOOLBAR.AGENT.getAgentID(), TOOLBAR.AGENT.getAgentGroups()]);
		return seen;
	})()`, &seen)

	assert.Equal(t, "pending", seen.First, "the first of two concurrent calls never settles")
	assert.Equal(t, "felixct7|1|171|40", seen.Second, "the survivor gets the answer to the first request")
	assert.Equal(t, "v2", seen.Third, "once answered, the getter works normally again")
	assert.Equal(t, "AGENT1001@felixct7", seen.AgentID, "different getters do not interfere")
	require.Len(t, seen.Groups, 1)
	assert.Equal(t, "101", seen.Groups[0].ID)
	assertCleanPage(t, tab)
}

func TestMluviiTwoWidgetsTwoScriptTags(t *testing.T) {
	srv := webServer(t)
	tab := NewTab(t)
	tab.Go(srv.URLFor("/e2e/testdata/mluvii.html"))
	tab.WaitFor(`Object.keys(window.mluviiLoaded).length === 2`)
	tab.Eval(`MluviiFake.settle()`, nil)

	var got struct {
		Distinct, SalesIsItsOwn, SupportIsItsOwn bool
		Names                                    []string
		Connected                                []bool
		Status                                   map[string][]int
		Tags                                     int
	}
	tab.Eval(`(() => {
		const l = window.mluviiLoaded, w = MluviiFake.widgets;
		return {
			distinct: l.Sales !== l.Support,
			salesIsItsOwn: w.Sales.owidget === l.Sales,
			supportIsItsOwn: w.Support.owidget === l.Support,
			names: Object.keys(w).sort(),
			connected: [w.Sales.connected, w.Support.connected],
			status: window.mluviiStatus,
			tags: document.querySelectorAll('script[src$="OOWidget.js"]').length,
		};
	})()`, &got)
	assert.True(t, got.Distinct, "each script tag gets its own owidget")
	assert.True(t, got.SalesIsItsOwn)
	assert.True(t, got.SupportIsItsOwn)
	assert.Equal(t, []string{"Sales", "Support"}, got.Names)
	assert.Equal(t, []bool{true, true}, got.Connected)
	assert.Equal(t, map[string][]int{"Sales": {1}, "Support": {1}}, got.Status)
	assert.Equal(t, 2, got.Tags)

	// Events reach the callback of their own widget only.
	var events map[string][]string
	tab.Eval(`MluviiFake.visitorStartsChat('Support'), MluviiFake.settle()`, nil)
	tab.Eval(`window.mluviiEvents`, &events)
	assert.Equal(t, map[string][]string{"Sales": {}, "Support": {"chatWindowOpen", "chatSessionCreated"}}, events)
	assertCleanPage(t, tab)
}

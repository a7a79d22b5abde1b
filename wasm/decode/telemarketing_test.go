package decode

import (
	"testing"
	"time"

	"github.com/agentshim/agentshim/wasm/machine"
)

func TestTelemarketing(t *testing.T) {
	at := machine.Millis(time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC).UnixMilli())
	const stats = `{"eventName":"TelemarketStatisticsUpdatedEvent","companyId":7,"statisticId":"S1",` +
		`"updatedDate":"2024-03-01T09:00:00Z","campaignId":42,"phoneNumber":"777666555","status":"successful",` +
		`"hasRecall":false,"errorMessage":null,"clientSyncIdsToValues":{ "externalId" : "E 1" },"tags":[1, 2]}`
	const callback = `{"eventName":"TelemarketCallbackCreatedEvent","companyId":7,"eventCreationDate":1,"id":"CB1",` +
		`"createdAt":"2024-02-29T09:00:00Z","autorecall":true,"description":"call later","name":"Jana",` +
		`"phoneNumber":"777 666 555","recallAt":"2024-03-01T09:00:00Z","recallStatus":0,"operatorId":"op1",` +
		`"applicationId":99,"clientSyncIdsToValues":[]}`
	rows := []row{
		{"TelemarketStatisticsUpdatedEvent", stats, []machine.Input{{Op: machine.OpStatistic, Key: "S1", Text: "42",
			When: at, Data: []machine.KV{kv("companyId", "7"), kv("statisticId", "S1"),
				kv("updatedDate", "2024-03-01T09:00:00Z"), kv("campaignId", "42"), kv("phoneNumber", "777666555"),
				kv("status", "successful"), kv("hasRecall", "false"), kv("errorMessage", ""),
				kv("clientSyncIdsToValues", `{"externalId":"E 1"}`), kv("tags", "[1,2]")}}}},
		{"TelemarketStatisticsUpdatedEvent", `{"statisticId":5,"updatedDate":1709283600000}`, []machine.Input{
			{Op: machine.OpStatistic, Key: "5", When: at, Data: []machine.KV{kv("statisticId", "5"),
				kv("updatedDate", "1709283600000")}}}},
		{"TelemarketStatisticsUpdatedEvent", `{"campaignId":42}`, []machine.Input{bad("statisticId is missing")}},
		{"TelemarketStatisticsUpdatedEvent", `{"statisticId":"S1","updatedDate":"yesterday"}`,
			[]machine.Input{bad("updatedDate \"yesterday\" is not a date")}},
		{"TelemarketCallbackCreatedEvent", callback, []machine.Input{{Op: machine.OpContactScheduled, ContactID: "CB1",
			Channel: machine.Callback, Direction: machine.Outbound, Number: "+420777666555", When: at,
			Data: []machine.KV{kv("name", "Jana"), kv("description", "call later"), kv("applicationId", "99"),
				kv("operatorId", "op1"), kv("recallStatus", "0"), kv("autorecall", "true")}}}},
		{"TelemarketCallbackCreatedEvent", `{"id":"CB2","phoneNumber":"12","recallAt":1709283600000}`, []machine.Input{
			{Op: machine.OpContactScheduled, ContactID: "CB2", Channel: machine.Callback, Direction: machine.Outbound,
				Number: "12", When: at}}},
		{"TelemarketCallbackCreatedEvent", `{"phoneNumber":"777666555"}`, []machine.Input{bad("id is missing")}},
		{"TelemarketCallbackCreatedEvent", `{"id":"CB2","recallAt":true}`, []machine.Input{bad("recallAt true is not a date")}},
		{"TACStatusUpdatedEvent", `{"eventName":"TACStatusUpdatedEvent","eventCreationDate":"2024-03-01T09:00:00Z",` +
			`"tac":[{"id":"A1","status":"NEW","nextCall":"2024-03-02T10:00:00Z","nextPhoneNumber":"777666555",` +
			`"telemarketCampaignId":42,"clientSyncIdsToValues":[{"k":"v"}],"hasRecall":false},{"id":2,"status":"DONE"}]}`,
			[]machine.Input{
				{Op: machine.OpApplication, Key: "A1", Text: "42", When: at, Data: []machine.KV{kv("id", "A1"),
					kv("status", "NEW"), kv("nextCall", "2024-03-02T10:00:00Z"), kv("nextPhoneNumber", "777666555"),
					kv("telemarketCampaignId", "42"), kv("hasRecall", "false")}},
				{Op: machine.OpApplication, Key: "2", When: at, Data: []machine.KV{kv("id", "2"), kv("status", "DONE")}}}},
		{"TACStatusUpdatedEvent", `{"eventName":"TACStatusUpdatedEvent","eventCreationDate":1709283600000,` +
			`"id":"A1","status":"CALLED","telemarketCampaignId":"C9","clientSyncIdsToValues":[]}`,
			[]machine.Input{{Op: machine.OpApplication, Key: "A1", Text: "C9", When: at, Data: []machine.KV{
				kv("eventCreationDate", "1709283600000"), kv("id", "A1"), kv("status", "CALLED"),
				kv("telemarketCampaignId", "C9")}}}},
		{"TACStatusUpdatedEvent", `{"eventCreationDate":1,"tac":[]}`, nil},
		{"TACStatusUpdatedEvent", `{"eventCreationDate":1,"tac":[{"id":"A1"},"A2"]}`, []machine.Input{bad("array of application objects")}},
		{"TACStatusUpdatedEvent", `{"eventCreationDate":1,"tac":"A1"}`, []machine.Input{bad("array of application objects")}},
		{"TACStatusUpdatedEvent", `{"eventCreationDate":"noon","tac":[]}`, []machine.Input{bad("is not a date")}},
		{"TelemarketCampaignStatusChangedEvent", `{"eventName":"TelemarketCampaignStatusChangedEvent","campaignId":42,"status":"PAUSED"}`,
			[]machine.Input{{Op: machine.OpCampaignStatus, Key: "42", Text: "PAUSED"}}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1","status":"IN_PROCESS"}`,
			[]machine.Input{{Op: machine.OpCampaignStatus, Key: "C1", Text: "IN_PROCESS"}}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1","status":"NEW"}`,
			[]machine.Input{{Op: machine.OpCampaignStatus, Key: "C1", Text: "NEW"}}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1","status":"STOPPED"}`,
			[]machine.Input{{Op: machine.OpCampaignStatus, Key: "C1", Text: "STOPPED"}}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1","status":"FINISHED"}`,
			[]machine.Input{{Op: machine.OpCampaignStatus, Key: "C1", Text: "FINISHED"}}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1","status":"in_process"}`,
			[]machine.Input{bad("expected NEW, STOPPED, IN_PROCESS, PAUSED or FINISHED")}},
		{"TelemarketCampaignStatusChangedEvent", `{"campaignId":"C1"}`,
			[]machine.Input{bad("expected NEW, STOPPED, IN_PROCESS, PAUSED or FINISHED")}},
		{"TelemarketCampaignStatusChangedEvent", `{"status":"NEW"}`, []machine.Input{bad("campaignId is missing")}},
		{"TelemarketCampaignStatusChangedEvent", `[]`, []machine.Input{bad("must be a JSON object")}},
		{"TelemarketOperatorEvent", `{}`, []machine.Input{{Op: machine.OpUnknown}}},
	}
	checkRows(t, machine.VendorTelemarketing, rows)
}

package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// postgresEnv names the DSN of a throwaway PostgreSQL server. The Makefile
// sets it by running postgres-test.sh; without it the PostgreSQL half of the
// suite is skipped and TestMain says so.
const postgresEnv = "AGENTSHIM_TEST_POSTGRES_DSN"

func TestMain(m *testing.M) {
	code := m.Run()
	if os.Getenv(postgresEnv) != "" {
		fmt.Println("store: storage suite ran on backends: sqlite, postgres")
	} else {
		fmt.Println("store: storage suite ran on backends: sqlite (postgres skipped: " + postgresEnv + " is not set)")
	}
	os.Exit(code)
}

// opener opens the same database again each time it is called.
type opener func() (Store, error)

func TestSQLite(t *testing.T) {
	runSuite(t, func(t *testing.T) opener {
		dir := filepath.Join(t.TempDir(), "data")
		return func() (Store, error) { return OpenSQLite(context.Background(), dir) }
	})
}

func TestPostgres(t *testing.T) {
	dsn := os.Getenv(postgresEnv)
	if dsn == "" {
		t.Skip(postgresEnv + " is not set; run through cmd/agentshim-serve/store/postgres-test.sh")
	}
	runSuite(t, func(t *testing.T) opener {
		scoped := freshSchema(t, dsn)
		return func() (Store, error) { return OpenPostgres(context.Background(), scoped) }
	})
}

// freshSchema gives each test its own schema, so tests never see each
// other's rows and the server can be reused between runs.
func freshSchema(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	require.NoError(t, err)
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	_, err = admin.Exec("CREATE SCHEMA " + schema)
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func runSuite(t *testing.T, fresh func(t *testing.T) opener) {
	cases := map[string]func(t *testing.T, open opener){
		"StartThenEnd":            testStartThenEnd,
		"EndBeforeStart":          testEndBeforeStart,
		"IdempotencyKey":          testIdempotencyKey,
		"CallsWindow":             testCallsWindow,
		"Heartbeats":              testHeartbeats,
		"ConcurrentDuplicates":    testConcurrentDuplicates,
		"MigrationsOnceAndShared": testMigrationsOnceAndShared,
		"NewerSchemaRefused":      testNewerSchemaRefused,
		"BadDeliveriesAreRefused": testBadDeliveries,
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) { tc(t, fresh(t)) })
	}
}

func mustOpen(t *testing.T, open opener) Store {
	t.Helper()
	s, err := open()
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

var base = time.Date(2026, 5, 12, 9, 0, 0, 0, time.UTC)

func at(min int) *time.Time {
	t := base.Add(time.Duration(min) * time.Minute)
	return &t
}

func user(id int64) *int64 { return &id }

const callA = "6f1c2b9e-3d4a-4b5c-8d9e-0a1b2c3d4e5f"
const callB = "0b7e5a8c-1f2d-4e3c-9a8b-7c6d5e4f3a2b"

func record(t *testing.T, s Store, d Delivery) bool {
	t.Helper()
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = base
	}
	dup, err := s.RecordCall(context.Background(), d)
	require.NoError(t, err)
	return dup
}

// only returns the single stored call.
func only(t *testing.T, s Store) Call {
	t.Helper()
	calls, err := s.Calls(context.Background(), base.Add(-24*time.Hour), base.Add(24*time.Hour))
	require.NoError(t, err)
	require.Len(t, calls, 1)
	return calls[0]
}

func testStartThenEnd(t *testing.T, open opener) {
	s := mustOpen(t, open)
	start := Delivery{Event: StartCall, Call: Call{ID: callA, Start: at(0), CallFlow: "sales", UserID: user(42), UserName: "ana@example.com"}}
	assert.False(t, record(t, s, start), "first start-call")
	assert.True(t, record(t, s, start), "the same start-call again changes nothing")

	c := only(t, s)
	assert.Equal(t, callA, c.ID)
	assert.True(t, c.Start.Equal(*at(0)))
	assert.Nil(t, c.End)
	assert.Equal(t, "sales", c.CallFlow)
	assert.Equal(t, int64(42), *c.UserID)
	assert.False(t, c.Ended)
	assert.True(t, c.Received.Equal(base))

	// The end-call's newer data wins; fields it leaves out are kept.
	end := Delivery{Event: EndCall, Call: Call{ID: callA, End: at(7), UserName: "ana.b@example.com"}, ReceivedAt: base.Add(7 * time.Minute)}
	assert.False(t, record(t, s, end), "end-call updates the call")
	assert.True(t, record(t, s, end), "a retried end-call is a duplicate")
	c = only(t, s)
	assert.True(t, c.Start.Equal(*at(0)))
	assert.True(t, c.End.Equal(*at(7)))
	assert.Equal(t, "sales", c.CallFlow)
	assert.Equal(t, int64(42), *c.UserID)
	assert.Equal(t, "ana.b@example.com", c.UserName)
	assert.True(t, c.Ended)
	assert.True(t, c.Received.Equal(base), "the first delivery's time stays")

	// A start-call arriving late (a retry after the end) undoes nothing.
	assert.True(t, record(t, s, start))
	assert.Equal(t, "ana.b@example.com", only(t, s).UserName)
}

func testEndBeforeStart(t *testing.T, open opener) {
	s := mustOpen(t, open)
	assert.False(t, record(t, s, Delivery{Event: EndCall, Call: Call{ID: callA, Start: at(1), End: at(4)}}))
	c := only(t, s)
	assert.True(t, c.Ended)
	assert.True(t, c.Missed(), "ended with no user: missed")

	// The late start has an older start and adds a callflow: only the gap is filled.
	assert.False(t, record(t, s, Delivery{Event: StartCall, Call: Call{ID: callA, Start: at(0), CallFlow: "support"}}))
	c = only(t, s)
	assert.True(t, c.Start.Equal(*at(1)), "the end-call's start is kept")
	assert.Equal(t, "support", c.CallFlow)
	assert.True(t, c.Ended, "a late start does not reopen the call")
}

func testIdempotencyKey(t *testing.T, open opener) {
	s := mustOpen(t, open)
	first := Delivery{Event: StartCall, IdempotencyKey: "k-1", Call: Call{ID: callA, Start: at(0), UserID: user(7)}}
	assert.False(t, record(t, s, first))
	// Same key, different body (another user, even another call): ignored.
	second := Delivery{Event: EndCall, IdempotencyKey: "k-1", Call: Call{ID: callA, End: at(3), UserID: user(8)}}
	assert.True(t, record(t, s, second))
	other := Delivery{Event: StartCall, IdempotencyKey: "k-1", Call: Call{ID: callB, Start: at(1)}}
	assert.True(t, record(t, s, other))
	c := only(t, s)
	assert.Equal(t, int64(7), *c.UserID)
	assert.Nil(t, c.End)
	assert.False(t, c.Ended)

	// A new key with a body that changes nothing is still a duplicate, and
	// the key is remembered for its own retries.
	assert.True(t, record(t, s, Delivery{Event: StartCall, IdempotencyKey: "k-2", Call: first.Call}))
	assert.False(t, record(t, s, Delivery{Event: EndCall, IdempotencyKey: "k-3", Call: Call{ID: callA, End: at(3)}}))
	assert.True(t, record(t, s, Delivery{Event: EndCall, IdempotencyKey: "k-3", Call: Call{ID: callA, End: at(9)}}))
	assert.True(t, only(t, s).End.Equal(*at(3)))
}

func testCallsWindow(t *testing.T, open opener) {
	s := mustOpen(t, open)
	ctx := context.Background()
	// At() is the start, else the end, else the first delivery.
	record(t, s, Delivery{Event: StartCall, Call: Call{ID: callA, Start: at(10)}})
	record(t, s, Delivery{Event: EndCall, Call: Call{ID: callB, End: at(20)}})
	third := "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
	record(t, s, Delivery{Event: StartCall, Call: Call{ID: third}, ReceivedAt: *at(30)})

	ids := func(from, to int) []string {
		calls, err := s.Calls(ctx, *at(from), *at(to))
		require.NoError(t, err)
		var out []string
		for _, c := range calls {
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []string{callA, callB, third}, ids(0, 60))
	assert.Equal(t, []string{callA}, ids(10, 20), "from is inclusive, to exclusive")
	assert.Equal(t, []string{callB, third}, ids(11, 31))
	assert.Empty(t, ids(31, 60))
}

func testHeartbeats(t *testing.T, open opener) {
	s := mustOpen(t, open)
	ctx := context.Background()
	require.NoError(t, s.Heartbeat(ctx, "agent-1", *at(0)))
	require.NoError(t, s.Heartbeat(ctx, "agent-1", *at(5)))
	require.NoError(t, s.Heartbeat(ctx, "agent-1", *at(2)), "a late, older heartbeat")
	require.NoError(t, s.Heartbeat(ctx, "agent-2", *at(3)))
	require.Error(t, s.Heartbeat(ctx, "", *at(3)))

	count := func(from, to int) int {
		n, err := s.AgentsSeen(ctx, *at(from), *at(to))
		require.NoError(t, err)
		return n
	}
	assert.Equal(t, 2, count(3, 5), "both ends inclusive")
	assert.Equal(t, 1, count(4, 10), "the older heartbeat did not move agent-1 back")
	assert.Equal(t, 0, count(6, 10))
}

func testConcurrentDuplicates(t *testing.T, open opener) {
	// Two handles stand for two server instances on one database.
	stores := []Store{mustOpen(t, open), mustOpen(t, open)}
	deliveries := []Delivery{
		{Event: StartCall, Call: Call{ID: callA, Start: at(0)}},
		{Event: StartCall, IdempotencyKey: "same", Call: Call{ID: callB, Start: at(0)}},
	}
	for _, d := range deliveries {
		const n = 8
		var wg sync.WaitGroup
		results := make(chan bool, n)
		for i := range n {
			wg.Go(func() {
				d := d
				d.ReceivedAt = base
				if d.IdempotencyKey != "" {
					d.Call.UserID = user(int64(i)) // bodies differ; the key decides
				}
				dup, err := stores[i%2].RecordCall(context.Background(), d)
				assert.NoError(t, err)
				results <- dup
			})
		}
		wg.Wait()
		close(results)
		fresh := 0
		for dup := range results {
			if !dup {
				fresh++
			}
		}
		assert.Equal(t, 1, fresh, "exactly one of %d concurrent deliveries of %s is new", n, d.Call.ID)
	}
}

func testMigrationsOnceAndShared(t *testing.T, open opener) {
	// Three instances starting together on an empty database all succeed.
	var wg sync.WaitGroup
	opened := make(chan Store, 3)
	for range 3 {
		wg.Go(func() {
			s, err := open()
			if assert.NoError(t, err) {
				opened <- s
			}
		})
	}
	wg.Wait()
	close(opened)
	var first Store
	for s := range opened {
		t.Cleanup(func() { s.Close() })
		first = s
	}
	require.NotNil(t, first)
	record(t, first, Delivery{Event: StartCall, Call: Call{ID: callA, Start: at(0)}})
	require.NoError(t, first.Close())

	// Reopening keeps the data and applies nothing twice.
	s := mustOpen(t, open)
	assert.Equal(t, callA, only(t, s).ID)
	assert.Equal(t, len(migrations), schemaVersions(t, s))
}

func schemaVersions(t *testing.T, s Store) int {
	t.Helper()
	var n int
	require.NoError(t, s.(*sqlStore).db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n))
	return n
}

func testNewerSchemaRefused(t *testing.T, open opener) {
	s := mustOpen(t, open)
	ss := s.(*sqlStore)
	_, err := ss.db.Exec(ss.d.rebind(`INSERT INTO schema_migrations (version, applied_ms) VALUES (?, 0)`), len(migrations)+1)
	require.NoError(t, err)
	_, err = open()
	assert.ErrorContains(t, err, "newer than this server's")
}

func testBadDeliveries(t *testing.T, open opener) {
	s := mustOpen(t, open)
	ctx := context.Background()
	_, err := s.RecordCall(ctx, Delivery{Event: StartCall, ReceivedAt: base})
	assert.ErrorIs(t, err, errBadDelivery)
	_, err = s.RecordCall(ctx, Delivery{Event: "ringing", Call: Call{ID: callA}, ReceivedAt: base})
	assert.ErrorIs(t, err, errBadDelivery)
}

func TestCallClassification(t *testing.T) {
	received := base
	cases := []struct {
		name             string
		c                Call
		at               time.Time
		answered, missed bool
	}{
		{"answered and ended", Call{Start: at(1), End: at(3), UserID: user(1), Ended: true, Received: received}, *at(1), true, false},
		{"ended unanswered", Call{End: at(3), Ended: true, Received: received}, *at(3), false, true},
		{"still ringing", Call{Received: received}, received, false, false},
		{"answered, still running", Call{Start: at(2), UserID: user(1), Received: received}, *at(2), true, false},
	}
	for _, c := range cases {
		assert.True(t, c.at.Equal(c.c.At()), c.name)
		assert.Equal(t, c.answered, c.c.Answered(), c.name)
		assert.Equal(t, c.missed, c.c.Missed(), c.name)
	}
}

func TestOpenPicksBackend(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "d")
	s, name, err := Open(ctx, "", dir)
	require.NoError(t, err)
	assert.Contains(t, name, "SQLite")
	require.NoError(t, s.Close())
	assert.FileExists(t, filepath.Join(dir, SQLiteFile))

	_, _, err = Open(ctx, "mysql://root:hunter2@db/x", dir)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2", "a DSN's password never reaches an error")
	_, err = OpenSQLite(ctx, "a?b")
	assert.Error(t, err)
}

func TestQuestionToDollar(t *testing.T) {
	assert.Equal(t, "a = $1 AND b IN ($2, $3)", questionToDollar("a = ? AND b IN (?, ?)"))
}

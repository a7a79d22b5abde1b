// Package store keeps what the agentshim server must remember across
// restarts and share between instances: the calls reported by the video-call
// backend's start-call/end-call webhooks and the desks' heartbeats.
//
// Two backends sit behind one interface: SQLite (a file under a data
// directory, the default for one server) and PostgreSQL (for several server
// instances behind a load balancer). Nothing here relies on in-process
// locking: duplicates are refused by unique constraints and merged by upserts,
// so two instances receiving the same webhook retry at once agree.
package store

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Call is one call as the webhooks reported it so far.
type Call struct {
	ID       string     // the vendor's callid, a lower-case UUID
	Start    *time.Time // nil while unknown
	End      *time.Time // nil while unknown
	CallFlow string     // the callflow that raised the call; "" when not given
	UserID   *int64     // the user who answered; nil when nobody did (yet)
	UserName string     // usually the answering user's e-mail; "" when not given
	Ended    bool       // an end-call webhook arrived
	Received time.Time  // when the first webhook for this call arrived
}

// At is the moment the dashboard files a call under: its start, else its end,
// else when we first heard of it.
func (c Call) At() time.Time {
	switch {
	case c.Start != nil:
		return *c.Start
	case c.End != nil:
		return *c.End
	}
	return c.Received
}

// Answered reports whether a user took the call: the vendor only names a user
// (userid) once someone answered.
func (c Call) Answered() bool { return c.UserID != nil }

// Missed reports a call that ended without anybody answering it.
func (c Call) Missed() bool { return c.Ended && !c.Answered() }

// Event says which webhook delivered a call.
type Event string

const (
	StartCall Event = "start-call"
	EndCall   Event = "end-call"
)

// Delivery is one webhook request.
type Delivery struct {
	Event Event
	Call  Call // Ended and Received are ignored: Event and ReceivedAt say them
	// IdempotencyKey is the sender's Idempotency-Key header, "" without one.
	// A key is remembered for good: a second delivery with it changes
	// nothing, whatever its body says.
	IdempotencyKey string
	ReceivedAt     time.Time
}

// Store is the server's storage. Every method is safe for concurrent use,
// also from several processes sharing one database.
type Store interface {
	// RecordCall stores a webhook delivery and reports whether it was a
	// duplicate, that is whether it changed nothing: its idempotency key was
	// seen before, or the call already holds everything it says.
	//
	// A start-call only fills fields still unknown, so a late or retried
	// start never undoes an end-call. An end-call overwrites every field its
	// payload gives, because the vendor says its data may be newer.
	RecordCall(ctx context.Context, d Delivery) (duplicate bool, err error)
	// Calls lists the calls whose At lies in [from, to), oldest first.
	Calls(ctx context.Context, from, to time.Time) ([]Call, error)
	// Heartbeat notes that a desk's agent was alive at the given time.
	Heartbeat(ctx context.Context, agentID string, at time.Time) error
	// AgentsSeen counts the agents whose last heartbeat lies in [from, to].
	AgentsSeen(ctx context.Context, from, to time.Time) (int, error)
	// Close releases the database.
	Close() error
}

// Open opens PostgreSQL when dsn is a postgres:// or postgresql:// URL, and
// otherwise SQLite in dataDir (dsn empty). Migrations run before it returns.
// The returned name says which backend it is, for the start-up line.
func Open(ctx context.Context, dsn, dataDir string) (s Store, name string, err error) {
	switch {
	case dsn == "":
		s, err = OpenSQLite(ctx, dataDir)
		return s, "SQLite in " + dataDir, err
	case IsPostgresDSN(dsn):
		s, err = OpenPostgres(ctx, dsn)
		return s, "PostgreSQL", err
	}
	// The DSN may hold a password, so it is not repeated.
	return nil, "", errors.New("store: -db must be a postgres:// or postgresql:// URL")
}

// IsPostgresDSN reports whether dsn names a PostgreSQL database.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// errBadDelivery is returned for deliveries the webhook layer should never
// have passed on.
var errBadDelivery = errors.New("store: delivery needs a call id and an event")

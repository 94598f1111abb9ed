package factsdb

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/dynamo"
)

// CountingDB wraps a DynamoDB client (dynamo.API) and counts what reads
// return: the items of every Query page and of every GetItem that found
// one. It is the instrument of the read-amplification tests (items read
// per item the month holds); any package's tests may use it:
//
//	counter := factsdb.NewCountingDB(client)
//	store := dynamo.New(counter, table)
//	... read ...
//	counter.ItemsRead()
//
// A Scan through it is refused (ErrScan) and counted (Scans), so a test
// can assert that none was tried. Writes pass through uncounted.
type CountingDB struct {
	dynamo.API

	mu      sync.Mutex
	items   int
	queries int
	gets    int
	scans   int
}

// ErrScan is what CountingDB answers to a Scan: reports never Scan.
var ErrScan = errors.New("factsdb.CountingDB: Scan refused (read a partition with Query)")

// NewCountingDB wraps api.
func NewCountingDB(api dynamo.API) *CountingDB { return &CountingDB{API: api} }

// Query counts the page's items.
func (c *CountingDB) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := c.API.Query(ctx, in, opts...)
	c.mu.Lock()
	c.queries++
	if err == nil {
		c.items += len(out.Items)
	}
	c.mu.Unlock()
	return out, err
}

// GetItem counts the item if one was found.
func (c *CountingDB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	out, err := c.API.GetItem(ctx, in, opts...)
	c.mu.Lock()
	c.gets++
	if err == nil && len(out.Item) > 0 {
		c.items++
	}
	c.mu.Unlock()
	return out, err
}

// Scan is refused and counted.
func (c *CountingDB) Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	c.mu.Lock()
	c.scans++
	c.mu.Unlock()
	return nil, ErrScan
}

// ItemsRead is the number of items Query and GetItem returned since the
// last Reset.
func (c *CountingDB) ItemsRead() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items
}

// Queries is the number of Query calls (pages) since the last Reset.
func (c *CountingDB) Queries() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.queries
}

// Gets is the number of GetItem calls since the last Reset.
func (c *CountingDB) Gets() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gets
}

// Scans is the number of Scans tried since the last Reset.
func (c *CountingDB) Scans() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.scans
}

// Reset forgets the counts.
func (c *CountingDB) Reset() {
	c.mu.Lock()
	c.items, c.queries, c.gets, c.scans = 0, 0, 0, 0
	c.mu.Unlock()
}
